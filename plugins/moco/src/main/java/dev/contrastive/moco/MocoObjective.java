package dev.contrastive.moco;

import dev.contrastive.api.BaseContext;
import dev.contrastive.api.BaseObjective;
import dev.contrastive.api.BaseRun;
import org.pf4j.Extension;

/** MoCo v2 (He et al. 2020; Chen et al. 2020) as a base objective named {@code moco}. */
@Extension
public final class MocoObjective implements BaseObjective<MocoConfig> {

    @Override
    public String name() {
        return "moco";
    }

    @Override
    public String description() {
        return "MoCo v2: momentum key encoder, FIFO queue of keys, InfoNCE";
    }

    @Override
    public Class<MocoConfig> configType() {
        return MocoConfig.class;
    }

    /** Two weak views of every image: the query and the key. */
    @Override
    public BaseRun create(BaseContext context, MocoConfig config) {
        return new MocoTraining(context, config);
    }
}
