package dev.contrastive.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.contrastive.runtime.DebianPython;
import dev.contrastive.runtime.run.CheckpointFormat;
import dev.contrastive.runtime.run.RunProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** AdamW against {@code torch.optim.AdamW} itself, a held parameter included, and its resume. */
class AdamWTest {

    private static final double DECAY = 0.05;
    private static final double PEAK = 0.1;
    private static final double[] RATES = {0.1, 0.05, 0.2, 0.01, 0.1, 0.003, 0.07};

    @TempDir
    Path dir;

    @Test
    void stepsAsTorchsAdamWWithAHeldParameterAtThePeak() throws Exception {
        String output = DebianPython.run(dir, script().toString(), Double.toString(DECAY), Double.toString(PEAK),
                Arrays.stream(RATES).mapToObj(Double::toString).collect(Collectors.joining(",")));
        List<String> torch = output.lines().filter(l -> l.startsWith("step")).toList();
        assertThat(torch).hasSize(RATES.length);
        try (NDManager manager = NDManager.newBaseManager()) {
            Problem problem = new Problem(manager);
            AdamW adamw = problem.optimizer(manager);
            for (int s = 0; s < RATES.length; s++) {
                problem.step(adamw, RATES[s]);
                String[] expected = torch.get(s).split(" ");
                float[] a = problem.a.getArray().toFloatArray();
                float[] b = problem.b.getArray().toFloatArray();
                for (int i = 0; i < 3; i++) {
                    assertThat((double) a[i]).as("step %d a[%d]", s + 1, i)
                            .isCloseTo(Double.parseDouble(expected[3 + i]), within(1e-6));
                }
                for (int i = 0; i < 2; i++) {
                    assertThat((double) b[i]).as("step %d b[%d]", s + 1, i)
                            .isCloseTo(Double.parseDouble(expected[7 + i]), within(1e-6));
                }
            }
        }
    }

    @Test
    void aRestoredOptimiserContinuesBitIdentically() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Problem straight = new Problem(manager);
            AdamW through = straight.optimizer(manager);
            for (double rate : RATES) {
                straight.step(through, rate);
            }

            Problem first = new Problem(manager);
            AdamW before = first.optimizer(manager);
            for (int s = 0; s < 3; s++) {
                first.step(before, RATES[s]);
            }
            Path file = dir.resolve("last.ckpt");
            Map<String, NDArray> saved = new LinkedHashMap<>(before.state());
            saved.put("online.a", first.a.getArray());
            saved.put("online.b", first.b.getArray());
            CheckpointFormat.write(file, RunProgress.after(1), saved);
            assertThat(before.state()).containsKeys("optimizer.adamw.m.online.a", "optimizer.adamw.v.online.b",
                    "optimizer.adamw.step");

            Problem resumed = new Problem(manager);
            AdamW after = resumed.optimizer(manager);
            Map<String, NDArray> restored = new LinkedHashMap<>(after.state());
            restored.put("online.a", resumed.a.getArray());
            restored.put("online.b", resumed.b.getArray());
            CheckpointFormat.read(file).restoreTraining(restored, after.positionalNames(), manager);
            for (int s = 3; s < RATES.length; s++) {
                resumed.step(after, RATES[s]);
            }
            assertThat(resumed.a.getArray().toFloatArray()).containsExactly(straight.a.getArray().toFloatArray());
            assertThat(resumed.b.getArray().toFloatArray()).containsExactly(straight.b.getArray().toFloatArray());
        }
    }

    /** adamw_reference.py's problem: {@code Σ c·a² + d·a + Σ e·b³}. */
    private static final class Problem {
        final Parameter a;
        final Parameter b;
        final NDArray c;
        final NDArray d;
        final NDArray e;

        Problem(NDManager manager) {
            a = parameter(manager, "a", 1, -2, 3);
            b = parameter(manager, "b", 0.5f, 0.25f);
            c = manager.create(new float[] {0.5f, 1, 2});
            d = manager.create(new float[] {1, -1, 0.5f});
            e = manager.create(new float[] {3, -1});
        }

        AdamW optimizer(NDManager manager) {
            Map<String, NDArray> named = Map.of("online.a", a.getArray(), "online.b", b.getArray());
            return new AdamW(List.of(a, b), named, DECAY, manager, List.of(b), PEAK);
        }

        void step(AdamW adamw, double rate) {
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray x = a.getArray();
                NDArray y = b.getArray();
                collector.backward(x.mul(x).mul(c).add(x.mul(d)).sum().add(y.mul(y).mul(y).mul(e).sum()));
            }
            adamw.step(rate);
        }

        private static Parameter parameter(NDManager manager, String name, float... values) {
            Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
            p.setArray(manager.create(values));
            p.getArray().setRequiresGradient(true);
            return p;
        }
    }

    private static Path script() throws Exception {
        return Path.of(AdamWTest.class.getResource("/optim/adamw_reference.py").toURI());
    }
}
