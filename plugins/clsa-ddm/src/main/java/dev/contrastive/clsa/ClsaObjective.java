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

    /** The policy each strong view runs after the base's weak query policies. */
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
    public Class<ClsaConfig> configType() {
        return ClsaConfig.class;
    }

    @Override
    public Role role() {
        return Role.ADD_ON;
    }

    /**
     * Each strong view extends the base's weak query view: its policies, then {@code strong}; its
     * crop size and scale unless the {@code clsa.views} entry sets them.
     */
    @Override
    public TrainingObjective create(ObjectiveContext context) {
        ClsaConfig config = context.config().bind(ClsaConfig.class);
        TrainingObjective base = context.inner();
        if (!base.providesBank()) {
            throw context.error("objective", "clsa compares distributions over the base objective's "
                    + "representation bank, and the objective it wraps provides none");
        }
        ViewRequest weak = base.views().get(0);
        List<String> policies = new ArrayList<>(weak.policies());
        policies.add(STRONG_POLICY);
        List<ViewRequest> strongViews = new ArrayList<>();
        for (int i = 0; i < config.views().size(); i++) {
            StrongView view = config.views().get(i);
            int size = view.size() == null ? weak.size() : view.size();
            if (size > context.imageSize()) {
                throw context.config().error("views." + i + ".size", "a crop of " + size
                        + " px is larger than the data set's " + context.imageSize() + " px images");
            }
            double min = view.scale() == null ? weak.minScale() : view.scale().get(0);
            double max = view.scale() == null ? weak.maxScale() : view.scale().get(1);
            strongViews.add(new ViewRequest("strong" + i, policies, size, min, max));
        }
        return new ClsaTraining(base, config, strongViews);
    }
}
