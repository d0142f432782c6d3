package dev.contrastive.simsiam;

import ai.djl.ndarray.NDArray;
import dev.contrastive.api.Scalars;
import dev.contrastive.api.losses.NegativeCosine;

/** SimSiam's symmetric loss over raw predictions and projections, the targets' gradient stopped. */
final class SimsiamLoss {

    private SimsiamLoss() {
    }

    /**
     * {@code D(p1, sg z2) / 2 + D(p2, sg z1) / 2}, {@code D} the negative cosine; in [−1, 1].
     *
     * @param p1 {@code N × D} predictions of the first view, not normalised
     * @param z2 {@code N × D} projections of the second view, not normalised; no gradient reaches them
     */
    static NDArray symmetric(NDArray p1, NDArray p2, NDArray z1, NDArray z2) {
        NDArray one = NegativeCosine.loss(unit(p1), target(z2));
        NDArray two = NegativeCosine.loss(unit(p2), target(z1));
        return Scalars.times(one.add(two), 0.5);
    }

    /** Rows L2-normalised. */
    static NDArray unit(NDArray x) {
        return x.normalize(2, 1, 1e-12);
    }

    /** Rows L2-normalised, without gradient: a target. */
    static NDArray target(NDArray z) {
        return unit(z).stopGradient();
    }
}
