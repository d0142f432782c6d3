package dev.contrastive.byol;

import dev.contrastive.api.BaseContext;
import dev.contrastive.api.BaseObjective;
import dev.contrastive.api.BaseRun;
import org.pf4j.Extension;

/** BYOL (Grill et al. 2020) as a base objective named {@code byol}. */
@Extension
public final class ByolObjective implements BaseObjective<ByolConfig> {

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

    /** Two weak views of every image, each through the online and the target branch. */
    @Override
    public BaseRun create(BaseContext context, ByolConfig config) {
        return new ByolTraining(context, config);
    }
}
