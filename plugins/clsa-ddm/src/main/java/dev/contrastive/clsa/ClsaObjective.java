package dev.contrastive.clsa;

import dev.contrastive.api.AddOnContext;
import dev.contrastive.api.AddOnObjective;
import dev.contrastive.api.AddOnRun;
import dev.contrastive.api.ViewRequest;
import org.pf4j.Extension;

import java.util.ArrayList;
import java.util.List;

/**
 * Contrastive Learning with Stronger Augmentations (Wang and Qi, 2021) as an add-on named
 * {@code clsa}: {@code objective: moco+clsa}, {@code simclr+clsa}, {@code byol+clsa},
 * {@code simsiam+clsa}, {@code mocov3+clsa}, {@code dino+clsa}.
 */
@Extension
public final class ClsaObjective implements AddOnObjective<ClsaConfig> {

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

    /**
     * Each view extends the base's weak query view: its policies (then {@code strong} for a
     * strong view), cropped as its {@link ViewGeometry} says relative to the weak view.
     */
    @Override
    public AddOnRun create(AddOnContext context, ClsaConfig config) {
        if (!context.baseProvidesBank()) {
            throw context.error("objective", "clsa compares distributions over the base objective's "
                    + "representation bank, and the objective it wraps provides none");
        }
        if ((!config.extraQueries().isEmpty() || config.loss().equals(ClsaConfig.POSITIVE))
                && !context.baseProvidesContrastiveLoss()) {
            throw context.error("objective", "clsa's " + (config.extraQueries().isEmpty()
                    ? "loss: positive" : "extra_queries (multi-crop)") + " need the base objective's contrastive "
                    + "loss for further queries, and the objective it wraps has none");
        }
        ViewRequest weak = context.baseViews().get(0);
        List<String> strongPolicies = new ArrayList<>(weak.policies());
        strongPolicies.add(STRONG_POLICY);
        List<ViewRequest> extraQueries = views(context, "extra_queries", "weak", config.extraQueries(), weak,
                weak.policies());
        List<ViewRequest> strongViews = views(context, "views", "strong", config.views(), weak, strongPolicies);
        return new ClsaTraining(config, extraQueries, strongViews);
    }

    /** One request per geometry, named {@code prefix + index} (extra weak queries count from 1). */
    private static List<ViewRequest> views(AddOnContext context, String key, String prefix,
            List<ViewGeometry> geometries, ViewRequest weak, List<String> policies) {
        List<ViewRequest> views = new ArrayList<>();
        int first = prefix.equals("weak") ? 1 : 0;
        for (int i = 0; i < geometries.size(); i++) {
            ViewGeometry view = geometries.get(i);
            int pixels = view.pixels(weak.size());
            if (pixels < ViewGeometry.MIN_PIXELS) {
                throw context.config().error(key + "." + i + ".size", String.format(java.util.Locale.ROOT,
                        "a view of %.3g × the weak view's %d px rounds to %d px, below the smallest, %d px",
                        view.size(), weak.size(), pixels, ViewGeometry.MIN_PIXELS));
            }
            double min = view.scale() == null ? weak.minScale() : view.scale().get(0);
            double max = view.scale() == null ? weak.maxScale() : view.scale().get(1);
            views.add(ViewRequest.of(prefix + (first + i), policies, pixels, min, max));
        }
        return views;
    }
}
