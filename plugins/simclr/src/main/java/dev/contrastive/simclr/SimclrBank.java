package dev.contrastive.simclr;

import ai.djl.ndarray.NDArray;
import dev.contrastive.api.RepresentationBank;
import dev.contrastive.api.Scalars;

/**
 * SimCLR's candidates for sample i (anchor {@code a_i}): the {@code 2N − 1} other views of the
 * batch, in batch order; the positive is the anchor's pair {@code b_i}.
 *
 * @param views {@code 2N × D} unit vectors {@code [a; b]}, detached
 * @param temperature NT-Xent's τ
 */
record SimclrBank(NDArray views, double temperature) implements RepresentationBank {

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
