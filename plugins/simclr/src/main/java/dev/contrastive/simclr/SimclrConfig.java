package dev.contrastive.simclr;

import dev.contrastive.api.HeadLayerConfig;
import dev.contrastive.api.HeadSpec;

import java.util.List;

/**
 * The {@code simclr:} section of a run file.
 *
 * @param temperature NT-Xent temperature τ (SimCLR's CIFAR value 0.5 by default)
 * @param projector the projection head, a list of layers (absent: the default,
 *     {@code model.head_hidden} with ReLU to {@code model.head_dim})
 */
public record SimclrConfig(Double temperature, List<HeadLayerConfig> projector) {

    /** Fills the defaults, rejects a temperature that is not positive and checks the head. */
    public SimclrConfig {
        temperature = temperature == null ? 0.5 : temperature;
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        projector = projector == null ? null : List.copyOf(projector);
        HeadSpec.fromConfig("projector", projector);
    }

    /** The projector's head, or null for the default. */
    public HeadSpec projectorSpec() {
        return HeadSpec.fromConfig("projector", projector);
    }
}
