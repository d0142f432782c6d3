package dev.contrastive.simsiam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.api.testing.GoldenLosses;
import org.junit.jupiter.api.Test;

/**
 * SimSiam's loss and its gradients against PyTorch's float64 values
 * ({@code golden/loss/frameworks.json}), and its invariants: the stop-gradient, the range.
 */
class SimsiamLossGoldenTest {

    private static final JsonNode GOLDEN = GoldenLosses.frameworks().get("simsiam");

    @Test
    void lossAndPredictionGradientsEqualGoldenAndNoGradientReachesTheTargets() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray p1 = input(manager, "p1");
            NDArray p2 = input(manager, "p2");
            NDArray z1 = input(manager, "z1");
            NDArray z2 = input(manager, "z2");
            for (NDArray x : new NDArray[] {p1, p2, z1, z2}) {
                x.setRequiresGradient(true);
            }
            double loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray value = SimsiamLoss.symmetric(p1, p2, z1, z2);
                loss = GoldenLosses.value(value);
                collector.backward(value);
            }
            assertThat(loss).isCloseTo(GOLDEN.get("loss").asDouble(), within(1e-6));
            assertClose(p1.getGradient(), GoldenLosses.matrix(manager, GOLDEN.get("grad_p1")));
            assertClose(p2.getGradient(), GoldenLosses.matrix(manager, GOLDEN.get("grad_p2")));
            assertThat(z1.getGradient().abs().max().toType(DataType.FLOAT64, false).getDouble()).isZero();
            assertThat(z2.getGradient().abs().max().toType(DataType.FLOAT64, false).getDouble()).isZero();
        }
    }

    @Test
    void lossIsMinusOneForEqualDirectionsAndOneForOppositeOnes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray p = input(manager, "p1");
            NDArray scaled = p.mul(3);
            assertThat(GoldenLosses.value(SimsiamLoss.symmetric(p, p, scaled, scaled))).isCloseTo(-1, within(1e-12));
            assertThat(GoldenLosses.value(SimsiamLoss.symmetric(p, p, p.neg(), p.neg()))).isCloseTo(1, within(1e-12));
        }
    }

    @Test
    void aFurtherQueryIsPulledTowardsBothViewsProjectionsByHalves() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray p = SimsiamLoss.unit(input(manager, "p1"));
            NDArray z2 = SimsiamLoss.target(input(manager, "z2"));
            double half = GOLDEN.get("d_p1_z2").asDouble();
            assertThat(GoldenLosses.value(new SimsiamBank(z2, z2).contrastiveLoss(p))).isCloseTo(half, within(1e-6));
            NDArray sims = new SimsiamBank(z2, z2).similarities(p);
            assertThat(sims.getShape().getShape()).containsExactly(4, 4);
            assertThat(-sims.diagonal().mean().getDouble()).isCloseTo(half, within(1e-6));
        }
    }

    private static void assertClose(NDArray actual, NDArray expected) {
        double[] a = actual.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] e = expected.toDoubleArray();
        assertThat(a).hasSameSizeAs(e);
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("element %d", i).isCloseTo(e[i], within(1e-6));
        }
    }

    private static NDArray input(NDManager manager, String name) {
        return GoldenLosses.matrix(manager, GOLDEN.get("inputs").get(name));
    }
}
