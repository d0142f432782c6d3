package dev.contrastive.simclr;

import dev.contrastive.api.ContrastiveObjective;
import dev.contrastive.api.ObjectiveContext;
import dev.contrastive.api.TrainingObjective;
import org.pf4j.Extension;

/** SimCLR (Chen et al. 2020) as a base objective named {@code simclr}. */
@Extension
public final class SimclrObjective implements ContrastiveObjective {

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
    public Role role() {
        return Role.BASE;
    }

    /** Two weak views of every image, through one encoder. */
    @Override
    public TrainingObjective create(ObjectiveContext context) {
        SimclrConfig config = context.config().bind(SimclrConfig.class);
        if (context.batchSize() < 2) {
            throw context.error("train.batch_size", "SimCLR contrasts each view with the rest of the batch, "
                    + "so it needs at least 2 images per batch, got " + context.batchSize());
        }
        return new SimclrTraining(context, config);
    }
}
