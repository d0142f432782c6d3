package org.example.ssl.barlow;

import dev.contrastive.api.BaseContext;
import dev.contrastive.api.BaseObjective;
import dev.contrastive.api.BaseRun;
import org.pf4j.Extension;

/**
 * Barlow Twins (Zbontar et al. 2021) as a base objective named {@code barlow}, configured by the
 * run file's {@code barlow:} section ({@link BarlowConfig}). It has a bank, so it composes with
 * add-ons such as CLSA: {@code objective: barlow+clsa}.
 */
@Extension
public final class BarlowObjective implements BaseObjective<BarlowConfig> {

    @Override
    public String name() {
        return "barlow";
    }

    @Override
    public String description() {
        return "Barlow Twins: cross-correlation of two views' projections driven to the identity, no negatives";
    }

    /** The {@code barlow:} section's record, so that {@code toolkit plugins --verbose} lists its key and default. */
    @Override
    public Class<BarlowConfig> configType() {
        return BarlowConfig.class;
    }

    /** Two weak views of every image through one encoder whose head has BatchNorm. */
    @Override
    public BaseRun create(BaseContext context, BarlowConfig config) {
        if (context.batchSize() < 2) {
            throw context.error("train.batch_size", "Barlow Twins standardises each dimension over the batch, "
                    + "so it needs at least 2 images per batch, got " + context.batchSize());
        }
        return new BarlowTraining(context, config);
    }
}
