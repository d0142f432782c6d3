package dev.contrastive.moco;

import dev.contrastive.api.ContrastiveObjective;
import dev.contrastive.api.ObjectiveContext;
import dev.contrastive.api.TrainingObjective;
import dev.contrastive.api.ViewRequest;
import org.pf4j.Extension;

import java.util.List;

/** MoCo v2 (He et al. 2020; Chen et al. 2020) as a base objective named {@code moco}. */
@Extension
public final class MocoObjective implements ContrastiveObjective {

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

    @Override
    public Role role() {
        return Role.BASE;
    }

    /** Two weak views of every image: the query and the key. */
    @Override
    public TrainingObjective create(ObjectiveContext context) {
        MocoConfig config = context.config().bind(MocoConfig.class);
        List<ViewRequest> views = List.of(
                context.weakView(MocoTraining.QUERY_VIEW), context.weakView(MocoTraining.KEY_VIEW));
        return new MocoTraining(context, config, views);
    }
}
