package dev.contrastive.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.contrastive.runtime.run.CheckpointFormat;
import dev.contrastive.runtime.run.RunProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The optimiser's momentum buffers are its parameters' by name, whatever order the parameters come in. */
class SgdTest {

    private static Parameter parameter(NDManager manager, String name, float... values) {
        Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
        p.setArray(manager.create(values));
        p.getArray().setRequiresGradient(true);
        return p;
    }

    /**
     * A parameter held at the peak (SimSiam's predictor) moves by {@code peak · buffer} while the
     * scheduled one moves by the step's {@code lr · buffer}.
     */
    @Test
    void aHeldParameterStepsAtThePeakLearningRateAndTheOthersAtTheSchedules() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter held = parameter(manager, "held", 1, 1);
            Parameter scheduled = parameter(manager, "scheduled", 1, 1);
            Map<String, NDArray> named = Map.of("predictor.w", held.getArray(), "encoder.w", scheduled.getArray());
            Sgd sgd = new Sgd(List.of(scheduled, held), named, 0.9, 0, manager, List.of(held), 0.5);
            step(sgd, List.of(scheduled, held), Map.of(held, 2f, scheduled, 2f));
            assertThat(held.getArray().toFloatArray()).containsExactly(1 - 0.5f * 2, 1 - 0.5f * 2);
            assertThat(scheduled.getArray().toFloatArray()).containsExactly(1 - 0.1f * 2, 1 - 0.1f * 2);
        }
    }

    /** One step of loss {@code Σ c·x}: each parameter's gradient is {@code c}, so its buffer is {@code c + wd·x}. */
    private static void step(Sgd sgd, List<Parameter> parameters, Map<Parameter, Float> c) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = null;
            for (Parameter p : parameters) {
                NDArray term = p.getArray().mul(c.get(p)).sum();
                loss = loss == null ? term : loss.add(term);
            }
            collector.backward(loss);
        }
        sgd.step(0.1);
    }

    @TempDir
    Path dir;

    @Test
    void buffersAreSavedUnderTheirParametersNamesAndFollowThemWhenReordered() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter a = parameter(manager, "a", 1, 2);
            Parameter b = parameter(manager, "b", 3, 4);
            Map<String, NDArray> named = new LinkedHashMap<>();
            named.put("online.a", a.getArray());
            named.put("online.b", b.getArray());
            Sgd first = new Sgd(List.of(a, b), named, 0.9, 0, manager);
            step(first, List.of(a, b), Map.of(a, 2f, b, -3f));
            assertThat(first.state().keySet()).containsExactly("optimizer.momentum.online.a", "optimizer.momentum.online.b");
            assertThat(first.state().get("optimizer.momentum.online.a").toFloatArray()).containsExactly(2f, 2f);
            assertThat(first.state().get("optimizer.momentum.online.b").toFloatArray()).containsExactly(-3f, -3f);

            // a plugin that lists its parameters the other way round gets each buffer back by name
            Path file = dir.resolve("last.ckpt");
            CheckpointFormat.write(file, RunProgress.after(1), first.state());
            Sgd reordered = new Sgd(List.of(b, a), named, 0.9, 0, manager);
            CheckpointFormat.read(file).restoreTraining(reordered.state(), reordered.positionalNames(), manager);
            assertThat(reordered.state().get("optimizer.momentum.online.a").toFloatArray()).containsExactly(2f, 2f);
            assertThat(reordered.state().get("optimizer.momentum.online.b").toFloatArray()).containsExactly(-3f, -3f);
            assertThat(reordered.positionalNames()).containsExactly(
                    Map.entry("optimizer.momentum.0", "optimizer.momentum.online.b"),
                    Map.entry("optimizer.momentum.1", "optimizer.momentum.online.a"));
        }
    }

    @Test
    void aParameterSavedUnderNoNameIsRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter a = parameter(manager, "a", 1);
            assertThatThrownBy(() -> new Sgd(List.of(a), Map.of(), 0.9, 0, manager))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("a is saved under no state name");
        }
    }
}
