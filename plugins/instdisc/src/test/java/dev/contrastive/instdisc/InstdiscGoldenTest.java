package dev.contrastive.instdisc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.api.testing.GoldenLosses;
import org.junit.jupiter.api.Test;

import java.util.stream.StreamSupport;

/**
 * The full non-parametric softmax over the bank and the bank's momentum update against the
 * authors' code ({@code golden/loss/official_instdisc.json}: lemniscate.pytorch {@code LinearAverage},
 * float64); the drawn candidates as their closed form.
 */
class InstdiscGoldenTest {

    private static final JsonNode GOLDEN = GoldenLosses.officialInstdisc();

    @Test
    void wholeBankLossGradientsAndUpdateEqualTheAuthorsCode() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray rows = GoldenLosses.matrix(manager, GOLDEN.get("memory_before"));
            NDArray features = GoldenLosses.matrix(manager, GOLDEN.get("features"));
            NDArray indices = manager.create(StreamSupport.stream(GOLDEN.get("indices").spliterator(), false)
                    .mapToLong(JsonNode::asLong).toArray());
            features.setRequiresGradient(true);
            double loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray value = new InstdiscBank.Whole(rows, indices, GOLDEN.get("temperature").asDouble())
                        .contrastiveLoss(features);
                loss = GoldenLosses.value(value);
                collector.backward(value);
            }
            assertThat(loss).isCloseTo(GOLDEN.get("loss").asDouble(), within(1e-6));
            assertClose(features.getGradient(), GoldenLosses.matrix(manager, GOLDEN.get("grad_features")));
            new MemoryBank(rows).update(indices, features, GOLDEN.get("momentum").asDouble(), manager);
            assertClose(rows, GoldenLosses.matrix(manager, GOLDEN.get("memory_after")));
        }
    }

    @Test
    void drawnCandidatesAreTheOwnEntryThenTheDrawsAndTheLossTheCrossEntropyTowardsTheOwn() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray rows = GoldenLosses.matrix(manager, GOLDEN.get("memory_before"));
            NDArray features = GoldenLosses.matrix(manager, GOLDEN.get("features"));
            MemoryBank bank = new MemoryBank(rows);
            NDArray own = bank.read(manager.create(new long[] {3, 7, 0, 5}), manager);
            NDArray drawn = bank.read(manager.create(new long[] {1, 1, 9}), manager);
            InstdiscBank.Drawn candidates = new InstdiscBank.Drawn(own, drawn, 0.5);
            double[] similarities = candidates.similarities(features).toDoubleArray();
            double[] f = features.toDoubleArray();
            double[] m = rows.toDoubleArray();
            int[] columns = {-1, 1, 1, 9};
            long[] owners = {3, 7, 0, 5};
            double expected = 0;
            for (int i = 0; i < 4; i++) {
                double[] logits = new double[4];
                for (int c = 0; c < 4; c++) {
                    int row = c == 0 ? (int) owners[i] : columns[c];
                    for (int d = 0; d < 8; d++) {
                        logits[c] += f[i * 8 + d] * m[row * 8 + d];
                    }
                    assertThat(similarities[i * 4 + c]).isCloseTo(logits[c], within(1e-9));
                }
                double normaliser = 0;
                for (double logit : logits) {
                    normaliser += Math.exp(logit / 0.5);
                }
                expected += Math.log(normaliser) - logits[0] / 0.5;
            }
            assertThat(GoldenLosses.value(candidates.contrastiveLoss(features))).isCloseTo(expected / 4, within(1e-9));
        }
    }

    private static void assertClose(NDArray actual, NDArray expected) {
        assertThat(GoldenLosses.value(actual.sub(expected).abs().max())).isLessThan(1e-6);
    }
}
