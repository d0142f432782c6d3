package dev.contrastive.mocov3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.api.Momentum;
import dev.contrastive.api.TrainingProgress;
import dev.contrastive.api.testing.GoldenLosses;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.Map;

/**
 * MoCo v3's loss, gradients and momentum schedule against PyTorch's float64 values
 * ({@code golden/loss/frameworks.json}), and the 2τ scaling as a closed form.
 */
class Mocov3LossGoldenTest {

    private static final JsonNode GOLDEN = GoldenLosses.frameworks().get("mocov3");
    private static final double TAU = GOLDEN.get("temperature").asDouble();

    @Test
    void symmetricLossAndQueryGradientsEqualGoldenAndNoGradientReachesTheKeys() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray q1 = input(manager, "q1");
            NDArray q2 = input(manager, "q2");
            NDArray k1 = input(manager, "k1");
            NDArray k2 = input(manager, "k2");
            for (NDArray x : new NDArray[] {q1, q2, k1, k2}) {
                x.setRequiresGradient(true);
            }
            double loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray value = Mocov3Loss.symmetric(unit(q1), unit(q2), unit(k1).stopGradient(),
                        unit(k2).stopGradient(), TAU);
                loss = GoldenLosses.value(value);
                collector.backward(value);
            }
            assertThat(loss).isCloseTo(GOLDEN.get("loss").asDouble(), within(1e-6));
            assertClose(q1.getGradient(), GoldenLosses.matrix(manager, GOLDEN.get("grad_q1")));
            assertClose(q2.getGradient(), GoldenLosses.matrix(manager, GOLDEN.get("grad_q2")));
            assertThat(k1.getGradient().abs().max().toType(DataType.FLOAT64, false).getDouble()).isZero();
            assertThat(k2.getGradient().abs().max().toType(DataType.FLOAT64, false).getDouble()).isZero();
        }
    }

    @Test
    void oneDirectionIsTwoTauTimesTheCrossEntropyOverTheBatchKeys() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray q = unit(input(manager, "q1"));
            NDArray k = unit(input(manager, "k2"));
            double ctr = GoldenLosses.value(Mocov3Loss.contrastive(q, k, TAU));
            assertThat(ctr).isCloseTo(GOLDEN.get("ctr_q1_k2").asDouble(), within(1e-6));
            double ce = GoldenLosses.value(q.matMul(k.transpose()).div(TAU).logSoftmax(1).diagonal().mean().neg());
            assertThat(ctr).isCloseTo(2 * TAU * ce, within(1e-12));
            Mocov3Bank bank = new Mocov3Bank(k, k, TAU);
            assertThat(GoldenLosses.value(bank.contrastiveLoss(q))).isCloseTo(2 * ctr, within(1e-12));
            assertThat(bank.similarities(q).getShape().getShape()).containsExactly(4, 4);
        }
    }

    @Test
    void momentumFollowsTheOfficialCosineFrom099ToOne() {
        Momentum schedule = Momentum.cosineToOne(new Mocov3Config(null, null).momentum());
        Iterator<Map.Entry<String, JsonNode>> points = GOLDEN.get("momentum_at").fields();
        while (points.hasNext()) {
            Map.Entry<String, JsonNode> point = points.next();
            long step = Math.round(Double.parseDouble(point.getKey()) * 1000);
            if (step == 1000) {
                continue; // the run's last step is 999 of 1000; the schedule ends at 1 after it
            }
            assertThat(schedule.at(TrainingProgress.of(step, 1000, 0))).as(point.getKey())
                    .isCloseTo(point.getValue().asDouble(), within(1e-12));
        }
    }

    @Test
    void configDefaultsAreThePapersAndBadValuesAreRefused() {
        assertThat(new Mocov3Config(null, null)).isEqualTo(new Mocov3Config(0.2, 0.99));
        assertThatThrownBy(() -> new Mocov3Config(0.0, null)).hasMessageContaining("temperature must be > 0");
        assertThatThrownBy(() -> new Mocov3Config(null, 1.5)).hasMessage("momentum must be in [0, 1], got 1.5");
    }

    private static NDArray unit(NDArray x) {
        return x.normalize(2, 1, 1e-12);
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
