package dev.contrastive.clsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.api.testing.GoldenLosses;
import dev.contrastive.api.StepResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


/**
 * The CLSA terms over MoCo's candidates ([k_i ; queue]) against PyTorch's float64 values in
 * golden/loss/losses.json, where τ_d (0.25) differs from MoCo's τ (0.2).
 */
class DistributionalDivergenceGoldenTest {

    static JsonNode golden;

    @BeforeAll
    static void read() {
        golden = GoldenLosses.read();
    }

    /** MoCo's candidate similarities, written out here because the add-on must not know MoCo. */
    static NDArray mocoSimilarities(NDArray queries, NDArray keys, NDArray queue) {
        return NDArrays.concat(new NDList(queries.mul(keys).sum(new int[] {1}, true),
                queries.matMul(queue.transpose())), 1);
    }

    @Test
    void perViewSumMeanAndTotalMatchTheGoldenValues() {
        JsonNode inputs = golden.get("inputs");
        JsonNode moco = golden.get("moco");
        double tauD = golden.get("tau_ddm").asDouble();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray keys = GoldenLosses.matrix(manager, inputs.get("key"));
            NDArray queue = GoldenLosses.matrix(manager, inputs.get("queue"));
            NDArray weak = mocoSimilarities(GoldenLosses.matrix(manager, inputs.get("query")), keys, queue);
            double sum = 0;
            for (int v = 0; v < inputs.get("strong").size(); v++) {
                NDArray strong = mocoSimilarities(GoldenLosses.matrix(manager, inputs.get("strong").get(v)), keys, queue);
                double term = GoldenLosses.value(DistributionalDivergence.loss(weak, strong, tauD));
                assertThat(term).isCloseTo(moco.get("ddm_per_view").get(v).asDouble(), within(1e-6));
                sum += term;
            }
            assertThat(sum).isCloseTo(moco.get("ddm_sum").asDouble(), within(1e-6));
            assertThat(sum / 2).isCloseTo(moco.get("ddm_mean").asDouble(), within(1e-6));

            NDArray contrastive = manager.create(moco.get("contrastive").asDouble());
            StepResult base = StepResult.builder(contrastive).term("L_C", contrastive).build();
            StepResult total = base.plus("L_D", manager.create(sum), golden.get("beta").asDouble());
            assertThat(GoldenLosses.value(total.loss())).isCloseTo(moco.get("total_sum").asDouble(), within(1e-6));
            assertThat(total.terms()).containsKeys("L_C", "L_D");
        }
    }

    @Test
    void identicalDistributionsGiveTheirEntropyAndNoGradientReachesTheWeakSide() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray sims = manager.create(new double[] {0.5, -0.2, 0.1, 0.9, 0.0, -0.4}, new Shape(2, 3));
            NDArray p = sims.div(0.3).softmax(1);
            double entropy = GoldenLosses.value(p.mul(p.log()).sum(new int[] {1}).mean().neg());
            assertThat(GoldenLosses.value(DistributionalDivergence.loss(sims, sims, 0.3))).isCloseTo(entropy, within(1e-9));
        }
    }
}
