package dev.contrastive.clsa;

import ai.djl.ndarray.NDArray;
import dev.contrastive.api.Scalars;

/** CLSA's distributional divergence, a pure function of similarities to a base's candidates. */
final class DistributionalDivergence {

    private DistributionalDivergence() {
    }

    /**
     * {@code mean_i −Σ_j p_w[i,j] · log p_s[i,j]} with {@code p_w = softmax(weak / τ_d)} held
     * constant and {@code log p_s = log_softmax(strong / τ_d)}.
     *
     * @param weakSimilarities {@code N × K} similarities of the weak queries to their candidates
     * @param strongSimilarities {@code N × K} similarities of one strong view's queries to the same
     * @param temperature τ_d
     * @return the scalar loss; gradients flow into the strong similarities only
     */
    static NDArray loss(NDArray weakSimilarities, NDArray strongSimilarities, double temperature) {
        NDArray target = Scalars.divide(weakSimilarities.stopGradient(), temperature).softmax(1);
        NDArray logStrong = Scalars.divide(strongSimilarities, temperature).logSoftmax(1);
        return target.mul(logStrong).sum(new int[] {1}).mean().neg();
    }
}
