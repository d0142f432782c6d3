package dev.contrastive.instdisc;

import ai.djl.ndarray.NDArray;
import dev.contrastive.api.RepresentationBank;
import dev.contrastive.api.Scalars;
import dev.contrastive.api.losses.Candidates;
import dev.contrastive.api.losses.InfoNce;

/** InstDisc's candidates, of the drawn kind or the whole bank: what the base contrasts and CLSA compares over. */
final class InstdiscBank {

    private InstdiscBank() {
    }

    /**
     * For sample i: its own bank entry (column 0), then the step's drawn entries, shared by the
     * batch, as MoCo's own key and queue.
     *
     * @param own {@code N × D} the samples' own entries
     * @param negatives {@code K × D} the drawn entries
     */
    record Drawn(NDArray own, NDArray negatives, double temperature) implements RepresentationBank {

        @Override
        public NDArray similarities(NDArray queries) {
            return InfoNce.similarities(queries, own, negatives, Candidates.OWN);
        }

        @Override
        public NDArray contrastiveLoss(NDArray queries) {
            return InfoNce.loss(queries, own, negatives, temperature, Candidates.OWN);
        }
    }

    /**
     * For every sample: every entry of the bank, its own at its index (the authors'
     * {@code LinearAverage}, the full non-parametric softmax).
     *
     * @param rows {@code M × D} the bank's rows, constants
     * @param indices {@code N} int64, each sample's row
     */
    record Whole(NDArray rows, NDArray indices, double temperature) implements RepresentationBank {

        @Override
        public NDArray similarities(NDArray queries) {
            // the transposed view would belong to the bank's long-lived manager: close it here
            try (NDArray rowsT = rows.transpose()) {
                return queries.matMul(rowsT);
            }
        }

        @Override
        public NDArray contrastiveLoss(NDArray queries) {
            NDArray logProbabilities = Scalars.divide(similarities(queries), temperature).logSoftmax(1);
            NDArray own = indices.oneHot((int) rows.getShape().get(0), logProbabilities.getDataType());
            return logProbabilities.mul(own).sum(new int[] {1}).mean().neg();
        }
    }
}
