package dev.contrastive.api.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.Encoder;
import dev.contrastive.api.Head;
import dev.contrastive.api.HeadLayerConfig;
import dev.contrastive.api.HeadSpec;
import dev.contrastive.api.HeadSpec.Layer;
import dev.contrastive.api.Momentum;
import dev.contrastive.api.TrainingProgress;
import dev.contrastive.api.testing.SmallEncoders;
import dev.contrastive.api.testing.YamlSection;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The base's context registers what it makes: parameters in order, state by name, teachers' EMA. */
class RunModulesTest {

    private static RunModules modules(NDManager manager) {
        return RunModules.builder().config(YamlSection.of("base", "")).encoders(new SmallEncoders(manager, 1, 8))
                .manager(manager).images(8, 1).build();
    }

    @Test
    void aTeacherStartsAsItsOnlineEncoderAndFollowsItByTheScheduledMomentum() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RunModules modules = modules(manager);
            Encoder online = modules.encoder("online");
            Encoder teacher = modules.teacher("target", online, Momentum.cosineToOne(0.5));
            Map<String, NDArray> start = online.state();
            teacher.state().forEach((name, array) -> assertThat(array.toFloatArray()).as(name)
                    .containsExactly(start.get(name).toFloatArray()));
            // the expected teacher: a copy of the start, moved by followEma with the schedule's momentum
            Encoder expected = new SmallEncoders(manager, 1, 8).create(false, false);
            expected.copyFrom(teacher);
            online.trainableParameters().forEach(p -> p.getArray().addi(1));
            TrainingProgress halfway = TrainingProgress.of(50, 100, 0);
            modules.updateTeachers(halfway);
            expected.followEma(online, 0.75);
            assertThat(Momentum.cosineToOne(0.5).at(halfway)).isCloseTo(0.75, within(1e-12));
            teacher.state().forEach((name, array) -> assertThat(array.toFloatArray()).as(name)
                    .containsExactly(expected.state().get(name).toFloatArray()));
            assertThat(modules.trainableParameters()).hasSameSizeAs(online.trainableParameters());
            assertThat(modules.state().keySet()).anyMatch(k -> k.startsWith("online."))
                    .anyMatch(k -> k.startsWith("target."));
        }
    }

    /** A head's teacher (DINO's prototypes) starts as the head, is never trained, and follows it by EMA. */
    @Test
    void aTeacherOfAHeadStartsAsItFollowsItByTheScheduledMomentumAndIsNotTrained() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RunModules modules = modules(manager);
            Encoder encoder = modules.encoder("online");
            Head online = modules.head("prototypes", SmallEncoders.EMBEDDING, HeadSpec.of(Layer.weightNormalized(5)));
            Head teacher = modules.teacher("teacher_prototypes", online, Momentum.constant(0.75));
            Map<String, float[]> start = new LinkedHashMap<>();
            online.state().forEach((name, array) -> start.put(name, array.toFloatArray()));
            teacher.state().forEach((name, array) -> assertThat(array.toFloatArray()).as(name)
                    .containsExactly(start.get(name)));
            assertThat(teacher.trainableParameters()).isEmpty();
            assertThat(modules.trainableParameters())
                    .hasSize(encoder.trainableParameters().size() + online.trainableParameters().size());
            online.trainableParameters().forEach(p -> p.getArray().addi(1));
            modules.updateTeachers(TrainingProgress.of(0, 10, 0));
            teacher.state().forEach((name, array) -> {
                float[] got = array.toFloatArray();
                for (int i = 0; i < got.length; i++) {
                    // 0.75 · start + 0.25 · (start + 1)
                    assertThat(got[i]).as(name).isCloseTo(start.get(name)[i] + 0.25f, within(1e-6f));
                }
            });
            assertThat(modules.state()).containsKey("teacher_prototypes." + online.state().keySet().iterator().next());
            Head stranger = new SmallEncoders(manager, 1, 8).createHead(SmallEncoders.EMBEDDING, true);
            assertThatThrownBy(() -> modules.teacher("other", stranger, Momentum.constant(0.9)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a teacher follows a head made by this context");
        }
    }

    @Test
    void aHeldHeadsParametersAreListedAndAHeadMadeElsewhereIsRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RunModules modules = modules(manager);
            modules.encoder("online");
            Head predictor = modules.head("predictor", SmallEncoders.EMBEDDING, true);
            assertThat(modules.heldParameters()).isEmpty();
            modules.holdLearningRate(predictor);
            assertThat(modules.heldParameters()).containsExactlyElementsOf(predictor.trainableParameters());
            assertThat(modules.headHidden()).isEqualTo(SmallEncoders.HIDDEN);
            assertThat(modules.headDim()).isEqualTo(SmallEncoders.EMBEDDING);
            Head stranger = new SmallEncoders(manager, 1, 8).createHead(SmallEncoders.EMBEDDING, true);
            assertThatThrownBy(() -> modules.holdLearningRate(stranger)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("made by this context");
        }
    }

    @Test
    void twoPartsSavingOneNameAreRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RunModules modules = modules(manager);
            modules.encoder("encoder");
            assertThatThrownBy(() -> modules.encoder("encoder")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("two parts of the objective save the state 'encoder.");
            modules.state("queue.rows", manager.zeros(new ai.djl.ndarray.types.Shape(2)));
            assertThatThrownBy(() -> modules.state("queue.rows", manager.zeros(new ai.djl.ndarray.types.Shape(2))))
                    .hasMessage("two parts of the objective save the state 'queue.rows'");
        }
    }

    @Test
    void aTeacherOfAnEncoderMadeElsewhereIsRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RunModules modules = modules(manager);
            Encoder stranger = new SmallEncoders(manager, 1, 8).create(true, false);
            assertThatThrownBy(() -> modules.teacher("key", stranger, Momentum.constant(0.9)))
                    .hasMessageContaining("a teacher follows an encoder made by this context");
            assertThat(modules.state()).isEqualTo(Map.of());
        }
    }

    @Test
    void partsFromASpecHaveItsWidthsAndATeacherBuiltAlike() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RunModules modules = modules(manager);
            HeadSpec projector = HeadSpec.of(Layer.linear(12).withNorm(HeadSpec.Norm.BATCH)
                    .withActivation(HeadSpec.Activation.RELU), Layer.linear(6).withNorm(HeadSpec.Norm.BATCH));
            Encoder online = modules.encoder("online", projector);
            Encoder teacher = modules.teacher("target", online, Momentum.constant(0.9));
            Head predictor = modules.head("predictor", online.embeddingSize(), HeadSpec.of(Layer.linear(3)
                    .withActivation(HeadSpec.Activation.RELU), Layer.linear(6)));
            assertThat(online.embeddingSize()).isEqualTo(6);
            assertThat(predictor.outputSize()).isEqualTo(6);
            assertThat(teacher.state().keySet()).isEqualTo(online.state().keySet());
            assertThat(teacher.trainableParameters()).isEmpty();
            // the predictor's weights: 6·3 + 3 and 3·6 + 6
            assertThat(predictor.trainableParameters().stream().mapToLong(p -> p.getArray().size()).sum())
                    .isEqualTo(6 * 3 + 3 + 3 * 6 + 6);
            assertThat(modules.trainableParameters()).hasSize(online.trainableParameters().size()
                    + predictor.trainableParameters().size());
        }
    }

    @Test
    void aFirstBottleneckWiderThanTheFeaturesIsAnErrorAtItsLine() {
        try (NDManager manager = NDManager.newBaseManager()) {
            YamlSection section = YamlSection.of("base", "projector:\n  - {units: 17, kind: bottleneck}\n");
            RunModules modules = RunModules.builder().config(section).encoders(new SmallEncoders(manager, 1, 8))
                    .manager(manager).images(8, 1).build();
            HeadSpec spec = HeadSpec.fromConfig("projector", List.of(new HeadLayerConfig(17, "bottleneck", null, null,
                    null)));
            assertThatThrownBy(() -> modules.encoder("online", spec)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("base.projector.0.units: a bottleneck of 17 units is larger than its input, "
                            + SmallEncoders.FEATURES + " wide");
            assertThat(modules.state()).isEqualTo(Map.of());
        }
    }
}
