package dev.contrastive.api.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.contrastive.api.RepresentationBank;
import dev.contrastive.api.Scalars;

/**
 * The candidates of a batch of view pairs, SimCLR's: for sample i (anchor {@code a_i}) the
 * {@code 2N − 1} other views of the batch, in batch order; the positive is the anchor's pair
 * {@code b_i}; the contrastive loss of further queries is {@link NtXent}'s, in the anchor's place.
 *
 * @since 0.3.0
 */
public final class PairBank implements RepresentationBank {

    private final NDArray views;
    private final double temperature;

    private PairBank(NDArray views, double temperature) {
        this.views = views;
        this.temperature = temperature;
    }

    /**
     * The bank of one step's views, detached here.
     *
     * @param a {@code N × D} unit vectors of the first views
     * @param b {@code N × D} unit vectors of the second views
     * @param temperature NT-Xent's τ
     */
    public static PairBank of(NDArray a, NDArray b, double temperature) {
        return new PairBank(NDArrays.concat(new NDList(a, b), 0).stopGradient(), temperature);
    }

    @Override
    public NDArray similarities(NDArray queries) {
        return NtXent.withoutSelf(queries.matMul(views.transpose()));
    }

    /**
     * NT-Xent's cross-entropy of each query, in the place of its anchor {@code a_i}, towards the
     * pair {@code b_i} (column {@code N − 1 + i} of the candidates), mean over the queries.
     */
    @Override
    public NDArray contrastiveLoss(NDArray queries) {
        int n = (int) queries.getShape().get(0);
        NDArray logProbabilities = Scalars.divide(similarities(queries), temperature).logSoftmax(1);
        NDArray pairs = queries.getManager().eye(n, n, 0, logProbabilities.getDataType());
        return logProbabilities.get(":, {}:", n - 1).mul(pairs).sum(new int[] {1}).mean().neg();
    }
}
