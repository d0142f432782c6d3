package dev.contrastive.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.RunFolders;
import dev.contrastive.runtime.StopAfterStep;
import dev.contrastive.runtime.run.CheckpointFormat;
import dev.contrastive.runtime.run.MetricsLog;
import dev.contrastive.runtime.run.RunProgress;
import dev.contrastive.runtime.tensorboard.TensorBoardEvents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Mid-epoch checkpoints ({@code train.checkpoint_every_steps}): a run stopped after one, or killed
 * with SIGKILL, and resumed ends with the same metrics and the same encoder, byte for byte, as the
 * run that was never stopped: the same batches and augmentation draws, optimizer momentum, online
 * probe, objective state, step counter and the partial epoch's metric sums.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class CrashResumeTest {

    /** The tiny run on 1280 images: 20 steps an epoch, a checkpoint every 4. */
    private static final String RUN = Distribution.TINY_RUN.replace("limit: 640", "limit: 1280")
            .replace("log_every: 1", "log_every: 1\n  checkpoint_every_steps: 4") + "eval:\n  linear: false\n";

    @TempDir
    static Path shared;

    private static Path uninterrupted;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainWithoutStopping() throws IOException {
        Path runs = shared.resolve("runs");
        Distribution.Result result = Distribution.cli("run", Distribution.runFile(shared, RUN).toString(),
                "--runs-dir", runs.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        uninterrupted = RunFolders.onlyRun(runs);
    }

    @Test
    void stoppedAfterAMidEpochCheckpointAndResumedEndsBitIdentical() throws IOException {
        Path runs = dir.resolve("runs");
        Distribution.Result stopped = Distribution.cliWith(new StopAfterStep(26), "run",
                Distribution.runFile(dir, RUN).toString(), "--runs-dir", runs.toString());
        assertThat(stopped.exitCode()).as(stopped.err()).isEqualTo(5);
        assertThat(stopped.err()).contains("stopped after step 28");
        Path run = RunFolders.onlyRun(runs);
        RunProgress progress = CheckpointFormat.read(run.resolve("checkpoints/last.ckpt")).progress();
        assertThat(progress.epochs()).isEqualTo(1);
        assertThat(progress.steps()).isEqualTo(8);
        assertThat(progress.sums()).containsKeys("loss", "embedding_std", "online_linear_top1");
        byte[] config = Files.readAllBytes(run.resolve("config.yaml"));

        Distribution.Result resumed = Distribution.cli("run", "--resume", run.toString());
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("continuing after step 8 of epoch 2");
        assertThat(run.resolve("config.yaml")).as("a resume that changes nothing leaves config.yaml")
                .hasBinaryContent(config);
        assertEndsAsUninterrupted(run);
    }

    /** The CLI in a child JVM, killed with SIGKILL after its first mid-epoch checkpoint, resumed through the CLI. */
    @Test
    void killedAfterAMidEpochCheckpointAndResumedEndsAsTheUninterruptedRun() throws Exception {
        Path runs = dir.resolve("runs");
        Path log = dir.resolve("child.log");
        Process child = Distribution.child(log, "run", Distribution.runFile(dir, RUN).toString(), "--runs-dir",
                runs.toString());
        Path checkpoint = null;
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (checkpoint == null && child.isAlive() && System.nanoTime() < deadline) {
                checkpoint = firstCheckpoint(runs);
                Thread.sleep(2);
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child is gone").isTrue();
        }
        assertThat(checkpoint).as("a checkpoint before the child ended; its log: %s", Files.readString(log))
                .isNotNull();
        Path run = checkpoint.getParent().getParent();
        assertThat(run.resolve("encoder.params")).as("killed before it finished").doesNotExist();

        Distribution.Result resumed = Distribution.cli("run", "--resume", run.toString());
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).as("resumed within an epoch")
                .containsPattern("continuing after step \\d+ of epoch \\d");
        assertEndsAsUninterrupted(run);
        List<String> tagSteps = TensorBoardEvents.read(run.resolve("tb")).tagSteps();
        assertThat(new java.util.HashSet<>(tagSteps)).as("TensorBoard's files hold no step twice")
                .hasSameSizeAs(tagSteps).contains("train/loss@40", "epoch/knn_top1@40");
    }

    @Test
    void aNegativeCheckpointEveryStepsIsABadRunFileNamingTheKey() throws IOException {
        Distribution.Result result = Distribution.cli("run", Distribution.runFile(dir, RUN).toString(),
                "--runs-dir", dir.resolve("runs").toString(), "--set", "train.checkpoint_every_steps=-1");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--set train.checkpoint_every_steps=-1")
                .contains("checkpoint_every_steps must be >= 0");
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    private static Path firstCheckpoint(Path runs) throws IOException {
        if (!Files.isDirectory(runs)) {
            return null;
        }
        try (var dirs = Files.list(runs)) {
            return dirs.map(r -> r.resolve("checkpoints/last.ckpt")).filter(Files::isRegularFile).findFirst()
                    .orElse(null);
        }
    }

    private static void assertEndsAsUninterrupted(Path run) throws IOException {
        JsonNode expected = lastEpoch(uninterrupted);
        JsonNode actual = lastEpoch(run);
        for (String metric : List.of("knn_top1", "loss", "embedding_std", "online_linear_top1",
                "online_linear_test_top1")) {
            assertThat(actual.get(metric).asDouble()).as(metric).isEqualTo(expected.get(metric).asDouble());
        }
        assertThat(Files.readAllBytes(run.resolve("encoder.params")))
                .isEqualTo(Files.readAllBytes(uninterrupted.resolve("encoder.params")));
        assertThat(Files.readAllBytes(run.resolve("checkpoints/last.ckpt")))
                .isEqualTo(Files.readAllBytes(uninterrupted.resolve("checkpoints/last.ckpt")));
        assertThat(trainingRecords(run)).as("each step and epoch logged once, in order")
                .isEqualTo(trainingRecords(uninterrupted));
    }

    /** The step and epoch records of a run's metrics, as "type epoch step". */
    private static List<String> trainingRecords(Path run) throws IOException {
        return MetricsLog.read(run.resolve("metrics.jsonl")).stream()
                .filter(r -> List.of("step", "epoch").contains(r.get("type").asText()))
                .map(r -> r.get("type").asText() + " " + r.get("epoch") + " " + r.path("step").asText()).toList();
    }

    private static JsonNode lastEpoch(Path run) throws IOException {
        return MetricsLog.last(MetricsLog.read(run.resolve("metrics.jsonl")), "epoch");
    }
}
