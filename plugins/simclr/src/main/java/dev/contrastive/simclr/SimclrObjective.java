package dev.contrastive.simclr;

import ai.djl.ndarray.NDArray;
import dev.contrastive.api.BaseContext;
import dev.contrastive.api.BaseObjective;
import dev.contrastive.api.BaseRun;
import dev.contrastive.api.Encoder;
import dev.contrastive.api.HeadSpec;
import dev.contrastive.api.StepResult;
import dev.contrastive.api.losses.NtXent;
import dev.contrastive.api.losses.PairBank;
import org.pf4j.Extension;

import java.util.List;

/**
 * SimCLR (Chen et al. 2020) as a base objective named {@code simclr}: two weak views of every
 * image through one encoder and head, NT-Xent over the batch's 2N views.
 */
@Extension
public final class SimclrObjective implements BaseObjective<SimclrConfig> {

    @Override
    public String name() {
        return "simclr";
    }

    @Override
    public String description() {
        return "SimCLR: one encoder for both views, NT-Xent over the batch's 2N views";
    }

    @Override
    public Class<SimclrConfig> configType() {
        return SimclrConfig.class;
    }

    @Override
    public BaseRun create(BaseContext context, SimclrConfig config) {
        if (context.batchSize() < 2) {
            throw context.error("train.batch_size", "SimCLR contrasts each view with the rest of the batch, "
                    + "so it needs at least 2 images per batch, got " + context.batchSize());
        }
        HeadSpec projector = config.projectorSpec();
        Encoder encoder = projector == null ? context.encoder("encoder") : context.encoder("encoder", projector);
        double t = config.temperature();
        // each view in its own forward pass, so BatchNorm sees one view's statistics at a time
        return BaseRun.withBank(List.of(context.weakView("view1"), context.weakView("view2")), encoder, batch -> {
            Encoder.Encoding a = encoder.encode(batch.view("view1"), true);
            NDArray b = encoder.embed(batch.view("view2"), true);
            NDArray loss = NtXent.loss(a.embedding(), b, t);
            return StepResult.builder(loss).term("L_C", loss).weakQueries(a.embedding())
                    .weakFeatures(a.features().stopGradient()).bank(PairBank.of(a.embedding(), b, t)).build();
        });
    }
}
