package dev.contrastive.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.RunFolders;
import dev.contrastive.runtime.run.MetricsLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A damaged checkpoint is one clear message, never a stack trace: {@code eval} and {@code run
 * --resume} fall back on the newest intact {@code epoch-N.ckpt}, saying so, or stop with exit
 * code 5 and leave the folder as it was.
 */
class CorruptCheckpointTest {

    @TempDir
    static Path shared;

    /** CliTest's tiny run, 2 epochs, each kept as epoch-N.ckpt. */
    private static Path trained;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() throws IOException {
        Path runs = shared.resolve("runs");
        Distribution.Result result = Distribution.cli("run", Distribution.runFile(shared, Distribution.TINY_RUN)
                .toString(), "--runs-dir", runs.toString(), "--set", "eval.linear=false",
                "--set", "train.checkpoint_every=1");
        assertThat(result.exitCode()).as(result.err()).isZero();
        trained = RunFolders.onlyRun(runs);
    }

    /** Damage as a disk, a copy or a kill may leave it. */
    private static byte[] damage(String kind, byte[] intact) {
        return switch (kind) {
            case "truncated" -> Arrays.copyOf(intact, intact.length / 2);
            case "one byte changed" -> {
                byte[] changed = intact.clone();
                changed[intact.length / 3] ^= 1;
                yield changed;
            }
            case "zeros" -> new byte[intact.length];
            case "random" -> {
                byte[] random = new byte[4096];
                new Random(1).nextBytes(random);
                yield random;
            }
            case "empty" -> new byte[0];
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private Path damagedCopy(String kind) throws IOException {
        Path run = RunFolders.copy(trained, dir.resolve("run"));
        Path last = run.resolve("checkpoints/last.ckpt");
        Files.write(last, damage(kind, Files.readAllBytes(last)));
        return run;
    }

    @Test
    void evalFallsBackOnTheNewestIntactEpochCheckpointAndSaysSo() throws IOException {
        Path run = damagedCopy("one byte changed");
        byte[] damaged = Files.readAllBytes(run.resolve("checkpoints/last.ckpt"));
        Distribution.Result result = Distribution.cli("eval", run.toString(), "--knn");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("last.ckpt is damaged: its checksum does not match")
                .contains("using checkpoints/epoch-2.ckpt instead (after epoch 2)");
        assertThat(MetricsLog.last(MetricsLog.read(run.resolve("metrics.jsonl")), "eval").get("checkpoint").asText())
                .isEqualTo("checkpoints/epoch-2.ckpt");
        assertThat(run.resolve("checkpoints/last.ckpt")).hasBinaryContent(damaged);
    }

    @Test
    void resumeFallsBackOnTheNewestIntactEpochCheckpointAndKeepsTheDamagedFile() throws IOException {
        Path run = damagedCopy("truncated");
        byte[] damaged = Files.readAllBytes(run.resolve("checkpoints/last.ckpt"));
        Distribution.Result result = Distribution.cli("run", "--resume", run.toString(), "--set", "train.epochs=3");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("last.ckpt is damaged").contains("using checkpoints/epoch-2.ckpt instead")
                .contains("continuing after epoch 2").contains("kept as last.ckpt.damaged").contains("after 3 epochs");
        assertThat(run.resolve("checkpoints/last.ckpt.damaged")).hasBinaryContent(damaged);
    }

    /** No intact checkpoint to fall back on: exit code 5, what happened and what to do; nothing written. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"truncated", "one byte changed", "zeros", "random", "empty"})
    void withoutAnIntactCheckpointResumeAndEvalStopWithOneMessage(String kind) throws IOException {
        Path run = damagedCopy(kind);
        try (Stream<Path> kept = Files.list(run.resolve("checkpoints"))) {
            for (Path file : kept.filter(f -> f.getFileName().toString().startsWith("epoch-")).toList()) {
                Files.delete(file);
            }
        }
        Map<String, String> before = RunFolders.snapshot(run);
        for (String[] args : new String[][] {{"run", "--resume", run.toString(), "--set", "train.epochs=3"},
                {"eval", run.toString(), "--knn"}}) {
            Distribution.Result result = Distribution.cli(args);
            assertThat(result.exitCode()).as(args[0] + ": " + result.err()).isEqualTo(5);
            assertThat(result.err()).as(args[0]).contains("last.ckpt is damaged")
                    .contains("there is no epoch-N.ckpt to fall back on").contains("start the run again")
                    .doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(result.err().lines().count()).as(args[0] + ": one message").isOne();
        }
        assertThat(RunFolders.snapshot(run)).isEqualTo(before);
    }

    @Test
    void aDamagedCheckpointNamedWithCheckpointIsOneMessage() throws IOException {
        Path run = RunFolders.copy(trained, dir.resolve("run"));
        Path epoch1 = run.resolve("checkpoints/epoch-1.ckpt");
        Files.write(epoch1, damage("zeros", Files.readAllBytes(epoch1)));
        Distribution.Result result = Distribution.cli("eval", run.toString(), "--knn", "--checkpoint",
                epoch1.toString());
        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.err()).contains("epoch-1.ckpt is damaged").doesNotContain("Exception");
    }
}
