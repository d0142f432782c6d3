package dev.contrastive.runtime.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.api.ConfigException;
import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.run.CheckpointFormat;
import dev.contrastive.runtime.run.MetricsLog;
import dev.contrastive.runtime.train.RunStopped;
import dev.contrastive.runtime.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The Java API's failures are exceptions with the CLI's messages and exit codes, nothing trained
 * for them; its training listeners are told every event, and one that fails stops the run.
 */
class ContrastiveToolkitTest {

    @TempDir
    Path dir;

    private ContrastiveToolkit toolkit() {
        return ContrastiveToolkit.builder().home(Distribution.home())
                .out(new PrintStream(new ByteArrayOutputStream())).build();
    }

    @Test
    void aBadRunFileIsAConfigExceptionNamingItsLine() throws Exception {
        Path file = Distribution.runFile(dir, Distribution.TINY_RUN.replace("  epochs: 2", "  epochs: two"));
        try (ContrastiveToolkit toolkit = toolkit()) {
            assertThatThrownBy(() -> toolkit.run(file, dir.resolve("runs"), List.of()))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("run.yaml:").hasMessageContaining("epochs");
        }
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void anUnknownOverrideIsRefusedBeforeAnyRunFolder() throws Exception {
        Path file = Distribution.runFile(dir, Distribution.TINY_RUN);
        try (ContrastiveToolkit toolkit = toolkit()) {
            assertThatThrownBy(() -> toolkit.run(file, dir.resolve("runs"), List.of("train.epoch=3")))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("train.epoch");
        }
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void resumingAFolderWithoutCheckpointIsAUserErrorOfExitCodeFive() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("config.yaml"), Distribution.TINY_RUN);
        try (ContrastiveToolkit toolkit = toolkit()) {
            assertThatThrownBy(() -> toolkit.resume(run))
                    .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.exitCode()).isEqualTo(UserError.TRAINING))
                    .hasMessageContaining("no checkpoint to resume from");
            assertThatThrownBy(() -> toolkit.evaluate(run, EvalRequest.lastCheckpoint()))
                    .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.exitCode()).isEqualTo(UserError.TRAINING))
                    .hasMessageContaining("no checkpoint to evaluate");
        }
    }

    @Test
    void aMissingPluginFolderIsAPluginError() {
        assertThatThrownBy(() -> ContrastiveToolkit.builder().home(Distribution.home()).plugins(dir.resolve("none"))
                .build()).isInstanceOfSatisfying(UserError.class, e -> assertThat(e.exitCode()).isEqualTo(UserError.PLUGIN))
                .hasMessageContaining("none: no such folder");
    }

    @Test
    void evalRequestsCombineOneCheckpointWithTheProbes() {
        EvalRequest request = EvalRequest.lastCheckpoint().checkpoint(dir.resolve("epoch-1.ckpt")).knnOnly();
        assertThat(request.checkpointFile()).isEqualTo(dir.resolve("epoch-1.ckpt"));
        assertThat(request.knn()).isTrue();
        assertThat(request.linear()).isFalse();
        EvalRequest init = request.initialWeights();
        assertThat(init.isInitialWeights()).isTrue();
        assertThat(init.checkpointFile()).isNull();
        assertThat(init.knn()).isTrue();
        assertThat(EvalRequest.lastCheckpoint().linearOnly().knn()).isFalse();
    }

    /** Records what a listener is told, and stops the run at a step when asked. */
    private static final class Recorder implements TrainingListener {
        final List<Long> steps = new ArrayList<>();
        final List<Map<String, Object>> epochs = new ArrayList<>();
        final List<Long> checkpoints = new ArrayList<>();
        final long failAt;

        Recorder(long failAt) {
            this.failAt = failAt;
        }

        @Override
        public void onStep(Step step) {
            steps.add(step.done());
            if (step.done() == failAt) {
                throw new IllegalStateException("the listener's own failure");
            }
        }

        @Override
        public void onEpoch(Epoch epoch) {
            epochs.add(new LinkedHashMap<>(epoch.record()));
        }

        @Override
        public void onCheckpoint(Checkpointed checkpoint) {
            checkpoints.add(checkpoint.stepsDone());
        }
    }

    @Test
    void aListenerIsToldEveryStepEpochAndCheckpointInOrder() throws Exception {
        Path file = Distribution.runFile(dir, Distribution.TINY_RUN);
        Recorder recorder = new Recorder(-1);
        TrainedRun run;
        try (ContrastiveToolkit toolkit = ContrastiveToolkit.builder().home(Distribution.home())
                .out(new PrintStream(new ByteArrayOutputStream())).listener(recorder).build()) {
            run = toolkit.run(file, dir.resolve("runs"), List.of("train.checkpoint_every_steps=4"));
        }
        // 640 images in batches of 64: 10 steps an epoch; no mid-epoch checkpoint at an epoch's last step
        assertThat(recorder.steps).containsExactlyElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
        assertThat(recorder.checkpoints).containsExactly(4L, 8L, 10L, 12L, 16L, 20L);
        List<JsonNode> logged = MetricsLog.read(run.folder().resolve("metrics.jsonl")).stream()
                .filter(r -> r.path("type").asText().equals("epoch")).toList();
        assertThat(recorder.epochs).hasSize(2);
        for (int e = 0; e < 2; e++) {
            assertThat(recorder.epochs.get(e)).as("the record as the metrics log wrote it")
                    .containsEntry("epoch", e + 1).containsKeys("loss", "knn_top1", "epoch_s");
            assertThat((double) recorder.epochs.get(e).get("loss")).isEqualTo(logged.get(e).get("loss").asDouble());
        }
    }

    @Test
    void aListenersExceptionStopsTheRunKeepingItsCheckpoint() throws Exception {
        Path file = Distribution.runFile(dir, Distribution.TINY_RUN);
        try (ContrastiveToolkit toolkit = ContrastiveToolkit.builder().home(Distribution.home())
                .out(new PrintStream(new ByteArrayOutputStream())).listener(new Recorder(7)).build()) {
            assertThatThrownBy(() -> toolkit.run(file, dir.resolve("runs"), List.of("train.checkpoint_every_steps=4")))
                    .isInstanceOf(RunStopped.class).hasMessageContaining("training stopped at epoch 1 step 7 by ")
                    .hasMessageContaining("checkpoints/last.ckpt is intact").hasRootCauseMessage("the listener's own "
                            + "failure");
        }
        Path run;
        try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
            run = runs.findFirst().orElseThrow();
        }
        assertThat(CheckpointFormat.read(run.resolve("checkpoints/last.ckpt")).progress().steps()).isEqualTo(4);
    }
}
