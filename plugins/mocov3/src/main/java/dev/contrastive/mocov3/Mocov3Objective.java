package dev.contrastive.mocov3;

import dev.contrastive.api.BaseContext;
import dev.contrastive.api.BaseObjective;
import dev.contrastive.api.BaseRun;
import org.pf4j.Extension;

/** MoCo v3 (Chen, Xie &amp; He 2021) as a base objective named {@code mocov3}. */
@Extension
public final class Mocov3Objective implements BaseObjective<Mocov3Config> {

    @Override
    public String name() {
        return "mocov3";
    }

    @Override
    public String description() {
        return "MoCo v3: query predictor, momentum encoder, symmetric InfoNCE over the batch keys (no queue), scaled by 2 tau";
    }

    @Override
    public Class<Mocov3Config> configType() {
        return Mocov3Config.class;
    }

    /** Two weak views of every image, each through the online and the momentum branch. */
    @Override
    public BaseRun create(BaseContext context, Mocov3Config config) {
        if (context.batchSize() < 2) {
            throw context.error("train.batch_size", "MoCo v3 contrasts the batch's keys and needs at least 2 images per batch");
        }
        return new Mocov3Training(context, config);
    }
}
