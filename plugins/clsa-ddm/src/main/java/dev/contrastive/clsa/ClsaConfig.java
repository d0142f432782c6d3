package dev.contrastive.clsa;

import java.util.List;

/**
 * The {@code clsa:} section.
 *
 * @param beta weight β of the divergence term: {@code L = L_C + β · L_D}
 * @param temperature τ_d of both distributions
 * @param reduction {@code sum} over strong views (the published code) or {@code mean}
 * @param views the strong views: crop size and scale of each (several = the paper's CLSA*)
 */
public record ClsaConfig(Double beta, Double temperature, String reduction, List<StrongView> views) {

    /** The most strong views: each is a forward pass per step. */
    public static final int MAX_VIEWS = 16;

    /** Fills defaults (β 1, τ_d 0.2, sum, one full-size view) and validates. */
    public ClsaConfig {
        beta = beta == null ? 1.0 : beta;
        temperature = temperature == null ? 0.2 : temperature;
        reduction = reduction == null ? "sum" : reduction;
        views = views == null ? List.of(new StrongView(null, null)) : List.copyOf(views);
        if (!(beta >= 0)) {
            throw new IllegalArgumentException("beta must be >= 0, got " + beta);
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        if (!reduction.equals("sum") && !reduction.equals("mean")) {
            throw new IllegalArgumentException("reduction must be sum or mean, got " + reduction);
        }
        if (views.isEmpty()) {
            throw new IllegalArgumentException("views must list at least one strong view, e.g. views: [{size: 28}]");
        }
        if (views.size() > MAX_VIEWS) {
            throw new IllegalArgumentException("views may list at most " + MAX_VIEWS + " strong views, got "
                    + views.size());
        }
    }
}
