package dev.contrastive.dino;

import dev.contrastive.api.BaseContext;
import dev.contrastive.api.BaseObjective;
import dev.contrastive.api.BaseRun;
import org.pf4j.Extension;

/** DINO (Caron et al. 2021) as a base objective named {@code dino}. */
@Extension
public final class DinoObjective implements BaseObjective<DinoConfig> {

    @Override
    public String name() {
        return "dino";
    }

    @Override
    public String description() {
        return "DINO: student and EMA teacher over K prototypes, teacher centring and sharpening, cross-entropy across views";
    }

    @Override
    public Class<DinoConfig> configType() {
        return DinoConfig.class;
    }

    /** Two global weak views and {@code local_crops} small ones; the teacher sees the global two. */
    @Override
    public BaseRun create(BaseContext context, DinoConfig config) {
        if (config.localCrops() > 0 && config.localSize() >= context.imageSize()) {
            throw context.error("dino.local_size", "local crops of " + config.localSize()
                    + " px must be smaller than the global crops, the whole " + context.imageSize() + "-px image");
        }
        return new DinoTraining(context, config);
    }
}
