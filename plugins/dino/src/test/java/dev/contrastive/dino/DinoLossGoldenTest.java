package dev.contrastive.dino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.api.testing.GoldenLosses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

/**
 * DINO's loss, its gradients, the centre's update and the teacher temperature's warm-up against
 * the official code's float64 values ({@code golden/loss/official_dino.json}: facebookresearch/dino
 * {@code DINOLoss}, two consecutive steps per case, the second with the centre the first left).
 */
class DinoLossGoldenTest {

    private static final JsonNode GOLDEN = GoldenLosses.officialDino();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"global_only", "multi_crop"})
    void lossGradientsAndCentreEqualTheOfficialCodesOverTwoSteps(String name) {
        JsonNode steps = GOLDEN.get("cases").get(name).get("steps");
        double studentTemperature = GOLDEN.get("student_temperature").asDouble();
        double centerMomentum = GOLDEN.get("center_momentum").asDouble();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray center = manager.create(new double[] {0, 0, 0, 0, 0, 0}).reshape(1, 6);
            for (JsonNode step : steps) {
                List<NDArray> student = blocks(manager, step.get("student"));
                List<NDArray> teacher = blocks(manager, step.get("teacher"));
                student.forEach(s -> s.setRequiresGradient(true));
                teacher.forEach(t -> t.setRequiresGradient(true));
                assertClose(center, manager.create(doubles(step.get("center_before"))).reshape(1, 6));
                double loss;
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    List<NDArray> targets = DinoLoss.teacherTargets(teacher, center,
                            step.get("teacher_temperature").asDouble());
                    NDArray value = DinoLoss.loss(targets, student, studentTemperature);
                    loss = GoldenLosses.value(value);
                    collector.backward(value);
                }
                assertThat(loss).as("loss at epoch %d", step.get("epoch").asInt())
                        .isCloseTo(step.get("loss").asDouble(), within(1e-6));
                JsonNode gradients = step.get("grad_student");
                for (int v = 0; v < student.size(); v++) {
                    assertClose(student.get(v).getGradient(), GoldenLosses.matrix(manager, gradients.get(v)));
                }
                for (NDArray t : teacher) {
                    assertThat(GoldenLosses.value(t.getGradient().abs().max())).as("the teacher is a constant").isZero();
                }
                DinoLoss.updateCenter(center, teacher, centerMomentum);
                assertClose(center, manager.create(doubles(step.get("center_after"))).reshape(1, 6));
            }
        }
    }

    @Test
    void theTeacherTemperatureRisesPerEpochAsTheOfficialSchedule() {
        JsonNode schedule = GOLDEN.get("teacher_temperature_schedule");
        DinoConfig config = new DinoConfig(null, null, schedule.get("final").asDouble(),
                schedule.get("warmup").asDouble(), schedule.get("warmup_epochs").asInt(), null, null, null, null, null, null);
        JsonNode values = schedule.get("values");
        for (int epoch = 0; epoch < values.size(); epoch++) {
            assertThat(config.teacherTemperatureAt(epoch)).as("epoch %d", epoch).isEqualTo(values.get(epoch).asDouble());
        }
        DinoConfig noWarmup = new DinoConfig(null, null, 0.05, 0.04, 0, null, null, null, null, null, null);
        assertThat(noWarmup.teacherTemperatureAt(0)).isEqualTo(0.05);
    }

    private static List<NDArray> blocks(NDManager manager, JsonNode blocks) {
        List<NDArray> arrays = new ArrayList<>();
        blocks.forEach(block -> arrays.add(GoldenLosses.matrix(manager, block)));
        return arrays;
    }

    private static double[] doubles(JsonNode values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).asDouble();
        }
        return out;
    }

    private static void assertClose(NDArray actual, NDArray expected) {
        assertThat(GoldenLosses.value(actual.sub(expected).abs().max())).isLessThan(1e-6);
    }
}
