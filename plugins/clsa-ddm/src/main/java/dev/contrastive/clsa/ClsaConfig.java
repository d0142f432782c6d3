package dev.contrastive.clsa;

import java.util.List;

/**
 * The {@code clsa:} section.
 *
 * @param beta weight β (the official code's {@code --alpha}) of the strong views' term:
 *     {@code L = L_C + L_Cx + β · L_D}
 * @param temperature τ_d of both distributions ({@code --clsa_t})
 * @param reduction {@code sum} over (weak, strong) pairs, as the official code, or {@code mean}
 * @param recipe the official crops ({@link ClsaRecipe}): {@code paper} (one strong view of 0.43
 *     the weak view's side) or {@code paper-multicrop} (CLSA*); it sets {@code extra_queries} and
 *     {@code views} where the section does not
 * @param extraQueries weak queries beyond the base's own (CLSA*), each with the base's contrastive
 *     term against the key and a DDM term towards every strong view
 * @param views the strong views
 * @param loss {@code ddm}, the distributional divergence of the paper, or {@code positive}, the
 *     ablation: each strong view is contrasted one-to-one against its sample's positive by the
 *     base's own loss instead
 */
public record ClsaConfig(Double beta, Double temperature, String reduction, String recipe,
        List<ViewGeometry> extraQueries, List<ViewGeometry> views, String loss) {

    /** The most views: each is a forward pass per step. */
    public static final int MAX_VIEWS = 16;

    /** The strong views' term of the paper. */
    public static final String DDM = "ddm";
    /** The ablation: strong views as plain positives. */
    public static final String POSITIVE = "positive";

    /** Fills defaults (β 1, τ_d 0.2, sum, the paper's recipe, ddm) and validates. */
    public ClsaConfig {
        beta = beta == null ? 1.0 : beta;
        temperature = temperature == null ? 0.2 : temperature;
        reduction = reduction == null ? "sum" : reduction;
        recipe = recipe == null ? ClsaRecipe.PAPER.key() : ClsaRecipe.named(recipe).key();
        extraQueries = extraQueries == null ? ClsaRecipe.named(recipe).extraQueries() : List.copyOf(extraQueries);
        views = views == null ? ClsaRecipe.named(recipe).strongViews() : List.copyOf(views);
        loss = loss == null ? DDM : loss;
        if (!(beta >= 0)) {
            throw new IllegalArgumentException("beta must be >= 0, got " + beta);
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        if (!reduction.equals("sum") && !reduction.equals("mean")) {
            throw new IllegalArgumentException("reduction must be sum or mean, got " + reduction);
        }
        if (!loss.equals(DDM) && !loss.equals(POSITIVE)) {
            throw new IllegalArgumentException("loss must be " + DDM + " or " + POSITIVE + ", got " + loss);
        }
        if (views.isEmpty()) {
            throw new IllegalArgumentException("views must list at least one strong view, e.g. views: [{size: 0.43}]");
        }
        if (views.size() + extraQueries.size() > MAX_VIEWS) {
            throw new IllegalArgumentException("views and extra_queries may list at most " + MAX_VIEWS
                    + " views together, got " + (views.size() + extraQueries.size()));
        }
    }
}
