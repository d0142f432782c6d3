package dev.contrastive.byol;

import dev.contrastive.api.ContrastiveObjective;
import dev.contrastive.api.ObjectiveContext;
import dev.contrastive.api.TrainingObjective;
import org.pf4j.Extension;

/** BYOL (Grill et al. 2020) as a base objective named {@code byol}. */
@Extension
public final class ByolObjective implements ContrastiveObjective {

    @Override
    public String name() {
        return "byol";
    }

    @Override
    public String description() {
        return "BYOL: online predictor regresses an EMA target's projections, no negatives";
    }

    @Override
    public Class<ByolConfig> configType() {
        return ByolConfig.class;
    }

    @Override
    public Role role() {
        return Role.BASE;
    }

    /** Two weak views of every image, each through the online and the target branch. */
    @Override
    public TrainingObjective create(ObjectiveContext context) {
        return new ByolTraining(context, context.config().bind(ByolConfig.class));
    }
}
