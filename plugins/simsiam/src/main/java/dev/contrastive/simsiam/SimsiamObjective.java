package dev.contrastive.simsiam;

import dev.contrastive.api.BaseContext;
import dev.contrastive.api.BaseObjective;
import dev.contrastive.api.BaseRun;
import org.pf4j.Extension;

/** SimSiam (Chen &amp; He 2021) as a base objective named {@code simsiam}. */
@Extension
public final class SimsiamObjective implements BaseObjective<SimsiamConfig> {

    @Override
    public String name() {
        return "simsiam";
    }

    @Override
    public String description() {
        return "SimSiam: one encoder, a predictor, symmetric negative cosine with stop-gradient; no momentum, no negatives";
    }

    @Override
    public Class<SimsiamConfig> configType() {
        return SimsiamConfig.class;
    }

    /** Two weak views of every image through one encoder; the predictor on both sides. */
    @Override
    public BaseRun create(BaseContext context, SimsiamConfig config) {
        return new SimsiamTraining(context, config);
    }
}
