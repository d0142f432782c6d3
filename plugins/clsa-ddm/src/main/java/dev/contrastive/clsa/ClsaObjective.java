package dev.contrastive.clsa;

import dev.contrastive.api.ContrastiveObjective;
import dev.contrastive.api.ObjectiveContext;
import dev.contrastive.api.TrainingObjective;
import dev.contrastive.api.ViewRequest;
import org.pf4j.Extension;

import java.util.ArrayList;
import java.util.List;

/**
 * Contrastive Learning with Stronger Augmentations (Wang and Qi, 2021) as an add-on named
 * {@code clsa}: {@code objective: moco+clsa}, {@code simclr+clsa}, {@code byol+clsa}.
 */
@Extension
public final class ClsaObjective implements ContrastiveObjective {

    /** The policy each strong view runs after the weak crop, jitter and flip. */
    static final String STRONG_POLICY = "strong";

    @Override
    public String name() {
        return "clsa";
    }

    @Override
    public String description() {
        return "CLSA distributional divergence: weak-view distribution supervises strong views";
    }

    @Override
    public Role role() {
        return Role.ADD_ON;
    }

    @Override
    public TrainingObjective create(ObjectiveContext context) {
        ClsaConfig config = context.config().bind(ClsaConfig.class);
        List<ViewRequest> strongViews = new ArrayList<>();
        for (int i = 0; i < config.views().size(); i++) {
            StrongView view = config.views().get(i);
            int size = view.size() == null ? context.imageSize() : view.size();
            if (size > context.imageSize()) {
                throw context.config().error("views." + i + ".size", "a crop of " + size
                        + " px is larger than the data set's " + context.imageSize() + " px images");
            }
            double min = view.scale() == null ? context.weakMinScale() : view.scale().get(0);
            double max = view.scale() == null ? context.weakMaxScale() : view.scale().get(1);
            strongViews.add(new ViewRequest("strong" + i, List.of("weak", STRONG_POLICY), size, min, max));
        }
        return new ClsaTraining(context.inner(), config, strongViews);
    }
}
