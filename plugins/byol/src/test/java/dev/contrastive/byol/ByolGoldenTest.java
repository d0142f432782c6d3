package dev.contrastive.byol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.api.testing.GoldenLosses;
import org.junit.jupiter.api.Test;

/** BYOL's bank against PyTorch's float64 values and closed forms (its loss: CosineRegressionGoldenTest). */
class ByolGoldenTest {

    private static final JsonNode GOLDEN = GoldenLosses.read();

    @Test
    void divergenceOverTheBatchTargetsEqualsGoldenPerView() {
        double tauD = GOLDEN.get("tau_ddm").asDouble();
        try (NDManager manager = NDManager.newBaseManager()) {
            ByolBank bank = new ByolBank(input(manager, "query"), input(manager, "key"), null);
            NDArray weak = bank.similarities(input(manager, "query"));
            for (int v = 0; v < 2; v++) {
                NDArray strong = bank.similarities(GoldenLosses.matrix(manager, GOLDEN.get("inputs").get("strong").get(v)));
                NDArray target = weak.div(tauD).softmax(1);
                double ddm = GoldenLosses.value(target.mul(strong.div(tauD).logSoftmax(1)).sum(new int[] {1}).mean().neg());
                assertThat(ddm).isCloseTo(GOLDEN.get("byol").get("ddm_per_view").get(v).asDouble(), within(1e-6));
            }
        }
    }

    @Test
    void aFurtherQueryRegressesToTheTargetsOfBothViews() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray key = input(manager, "key");
            double both = GoldenLosses.value(new ByolBank(key, key, null).contrastiveLoss(input(manager, "query")));
            assertThat(both).isCloseTo(2 * GOLDEN.get("byol").get("regression").asDouble(), within(1e-6));
        }
    }

    @Test
    void queueAddsItsRowsAfterTheBatchTargets() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray query = input(manager, "query");
            NDArray queue = input(manager, "queue");
            NDArray both = new ByolBank(input(manager, "query"), input(manager, "key"), queue).similarities(query);
            assertThat(both.getShape().get(1)).isEqualTo(4 + 6);
            assertThat(both.get(":, 4:").toDoubleArray()).containsExactly(query.matMul(queue.transpose()).toDoubleArray());
        }
    }

    @Test
    void configRejectsMomentumOutsideTheUnitIntervalAndANegativeQueue() {
        assertThatThrownBy(() -> new ByolConfig(1.5, null, null, null, null)).hasMessageContaining("momentum must be in [0, 1]");
        assertThatThrownBy(() -> new ByolConfig(-0.1, null, null, null, null)).hasMessageContaining("momentum");
        assertThatThrownBy(() -> new ByolConfig(null, -1, null, null, null)).hasMessageContaining("queue must be in 0..262144");
        assertThatThrownBy(() -> new ByolConfig(null, 1 << 20, null, null, null)).hasMessageContaining("queue must be in 0..262144");
        assertThat(new ByolConfig(null, null, null, null, null)).isEqualTo(new ByolConfig(0.99, 0, "symmetric", null, null));
        assertThatThrownBy(() -> new ByolConfig(null, null, "both", null, null)).hasMessage(
                "augmentation must be symmetric or asymmetric, got both");
    }

    private static NDArray input(NDManager manager, String name) {
        return GoldenLosses.matrix(manager, GOLDEN.get("inputs").get(name));
    }
}
