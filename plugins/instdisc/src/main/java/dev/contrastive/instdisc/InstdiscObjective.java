package dev.contrastive.instdisc;

import dev.contrastive.api.BaseContext;
import dev.contrastive.api.BaseObjective;
import dev.contrastive.api.BaseRun;
import org.pf4j.Extension;

/** Instance discrimination (Wu et al. 2018) as a base objective named {@code instdisc}. */
@Extension
public final class InstdiscObjective implements BaseObjective<InstdiscConfig> {

    @Override
    public String name() {
        return "instdisc";
    }

    @Override
    public String description() {
        return "InstDisc: a memory bank of one unit vector per image, non-parametric softmax over the own entry and drawn negatives";
    }

    @Override
    public Class<InstdiscConfig> configType() {
        return InstdiscConfig.class;
    }

    /** One weak view of every image; the bank has a row per training image. */
    @Override
    public BaseRun create(BaseContext context, InstdiscConfig config) {
        int images = context.datasetSize();
        if (config.negatives() > images) {
            throw context.error("instdisc.negatives", config.negatives() + " negatives per step are more than the "
                    + images + " images in the memory bank (data.limit or the data set)");
        }
        return new InstdiscTraining(context, config);
    }
}
