package dev.contrastive.moco;

import dev.contrastive.api.HeadLayerConfig;
import dev.contrastive.api.HeadSpec;
import dev.contrastive.api.losses.Candidates;

import java.util.List;

/**
 * The {@code moco:} section of a run file.
 *
 * @param queue number of keys in the FIFO queue (MoCo v2: 65536; 4096 suits small data sets)
 * @param temperature InfoNCE temperature τ
 * @param momentum key-encoder EMA momentum m in [0, 1)
 * @param candidates what a query is scored against beside the queue: {@code own} (its own key, as
 *     facebookresearch/moco) or {@code batch} (every key of the batch, as the official CLSA code)
 * @param projector the query and key encoders' projection head, a list of layers (absent: the
 *     default, {@code model.head_hidden} with ReLU to {@code model.head_dim})
 */
public record MocoConfig(Integer queue, Double temperature, Double momentum, String candidates,
        List<HeadLayerConfig> projector) {

    /** The longest queue (65536 in the MoCo paper): its keys are held in memory. */
    public static final int MAX_QUEUE = 1 << 18;

    /** Fills defaults and rejects values outside their ranges. */
    public MocoConfig {
        queue = queue == null ? 4096 : queue;
        temperature = temperature == null ? 0.2 : temperature;
        momentum = momentum == null ? 0.99 : momentum;
        candidates = candidates == null ? Candidates.OWN.key() : Candidates.named(candidates).key();
        projector = projector == null ? null : List.copyOf(projector);
        HeadSpec.fromConfig("projector", projector);
        if (queue < 1 || queue > MAX_QUEUE) {
            throw new IllegalArgumentException("queue must be a number of keys in 1.." + MAX_QUEUE + ", got " + queue);
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
    }

    /** The projector's head, or null for the default. */
    public HeadSpec projectorSpec() {
        return HeadSpec.fromConfig("projector", projector);
    }
}
