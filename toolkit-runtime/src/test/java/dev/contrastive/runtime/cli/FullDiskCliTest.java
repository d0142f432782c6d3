package dev.contrastive.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.RunFolders;
import dev.contrastive.runtime.SmallDisk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Issue 24, classes 3 and 5, through the command line on a real full disk (a small tmpfs): the
 * command fails as one message with exit code 5 naming the file, leaves no temporary file, keeps
 * what was there (a run, an earlier pair of outputs) and works once space is freed.
 */
class FullDiskCliTest {

    private static Path run;

    @TempDir
    Path dir;

    private SmallDisk disk;

    @BeforeAll
    static void train() throws IOException {
        run = RunFolders.sharedTinyRun();
    }

    @BeforeEach
    void mount() throws IOException {
        disk = SmallDisk.mount(dir, 8 << 10);
    }

    @AfterEach
    void unmount() throws IOException {
        disk.close();
    }

    @Test
    void embedOnAFullDiskKeepsTheEarlierMatrixAndNamesTogether() throws IOException {
        Path out = disk.root().resolve("features.npy");
        Files.writeString(out, "old matrix");
        Files.writeString(disk.root().resolve("features.txt"), "old names\n");
        disk.fill(8);

        Distribution.Result result = Distribution.cli("embed", run.toString(), "--dataset", "fashion-mnist",
                "--out", out.toString());

        assertOneMessage(result, "cannot write " + out + ": No space left on device");
        assertThat(out).hasContent("old matrix");
        assertThat(disk.root().resolve("features.txt")).hasContent("old names\n");
        assertNoTemporaryFiles(disk.root());
        disk.free();
        Distribution.Result again = Distribution.cli("embed", run.toString(), "--dataset", "fashion-mnist",
                "--out", out.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(Files.readAllLines(disk.root().resolve("features.txt"))).hasSize(10_000);
    }

    @Test
    void evalOnAFullDiskIsOneMessageAndTheRunStaysUsable() throws IOException {
        Path copy = RunFolders.copy(run, disk.root().resolve("run"));
        // whole pages of metrics, so the next record needs a page of its own
        long size = Files.size(copy.resolve("metrics.jsonl"));
        Files.writeString(copy.resolve("metrics.jsonl"), "\n".repeat((int) (4096 - size % 4096)),
                java.nio.file.StandardOpenOption.APPEND);
        Map<String, String> before = RunFolders.snapshot(copy);
        disk.fill(1); // the page of the lock file, then nothing

        Distribution.Result result = Distribution.cli("eval", copy.toString(), "--knn");

        assertOneMessage(result, "cannot write " + copy.resolve("metrics.jsonl") + ": No space left on device");
        Map<String, String> after = RunFolders.snapshot(copy);
        after.remove("metrics.jsonl");
        before.remove("metrics.jsonl");
        assertThat(after).as("the run's checkpoints, encoders and config are untouched").isEqualTo(before);
        assertNoTemporaryFiles(copy);
        disk.free();
        Distribution.Result again = Distribution.cli("eval", copy.toString(), "--knn");
        assertThat(again.exitCode()).as(again.err()).isZero();
    }

    private static void assertOneMessage(Distribution.Result result, String message) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(5);
        assertThat(result.err()).contains("error: " + message).doesNotContain("\tat ");
        assertThat(result.err().lines().filter(l -> l.startsWith("error: "))).hasSize(1);
    }

    private static void assertNoTemporaryFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.map(Path::toString).filter(f -> f.endsWith(".tmp"))).isEmpty();
        }
    }
}
