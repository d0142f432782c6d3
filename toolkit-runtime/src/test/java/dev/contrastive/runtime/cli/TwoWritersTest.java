package dev.contrastive.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.RunFolders;
import dev.contrastive.runtime.io.FolderLock;
import dev.contrastive.runtime.run.MetricsLog;
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
 * Issue 24, class 2, with real processes: two resumes of one run folder started at once train its
 * epochs once (the second is refused, naming the first); a writer killed with SIGKILL leaves no
 * lock behind; a second sweep of a sweep folder being swept is refused at once.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class TwoWritersTest {

    private static Path run;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() throws IOException {
        run = RunFolders.sharedTinyRun();
    }

    @Test
    void twoResumesStartedAtOnceTrainEachEpochOnce() throws Exception {
        Path copy = RunFolders.copy(run, dir.resolve("run"));
        Process first = Distribution.child(dir.resolve("first.log"), "run", "--resume", copy.toString(), "--set",
                "train.epochs=2");
        Process second = Distribution.child(dir.resolve("second.log"), "run", "--resume", copy.toString(), "--set",
                "train.epochs=2");
        assertThat(first.waitFor(5, TimeUnit.MINUTES) && second.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String logs = Files.readString(dir.resolve("first.log")) + Files.readString(dir.resolve("second.log"));

        assertThat(List.of(first.exitValue(), second.exitValue())).as(logs).containsExactlyInAnyOrder(0, 5);
        Process refused = first.exitValue() == 5 ? first : second;
        Process trained = refused == first ? second : first;
        String refusal = Files.readString(dir.resolve(refused == first ? "first.log" : "second.log"));
        assertThat(refusal).contains("error: the run folder " + copy + " is in use by another toolkit process (pid "
                + trained.pid()).doesNotContain("\tat ");
        List<JsonNode> epochs = MetricsLog.read(copy.resolve("metrics.jsonl")).stream()
                .filter(r -> "epoch".equals(r.path("type").asText())).toList();
        assertThat(epochs).as("each epoch recorded once").extracting(r -> r.path("epoch").asInt())
                .containsExactly(1, 2);
        assertThat(copy.resolve(FolderLock.FILE_NAME)).as("no claim left by its writer").isEmptyFile();
    }

    @Test
    void aWriterKilledWithSigkillLeavesNoLockBehind() throws Exception {
        Path copy = RunFolders.copy(run, dir.resolve("run"));
        Process child = Distribution.child(dir.resolve("child.log"), "run", "--resume", copy.toString(), "--set",
                "train.epochs=50");
        try {
            awaitLock(copy, child, "training");
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(copy.resolve(FolderLock.FILE_NAME))).as("a killed writer's stale claim")
                .startsWith("pid " + child.pid() + ", training");

        Distribution.Result resumed = Distribution.cli("eval", copy.toString(), "--knn");

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(copy.resolve(FolderLock.FILE_NAME)).as("the claim eval took over and gave back").isEmptyFile();
    }

    @Test
    void aSecondSweepOfASweepFolderIsRefusedAtOnceNamingTheFirst() throws Exception {
        Path base = Distribution.runFile(dir, Distribution.TINY_RUN.replace("epochs: 2", "epochs: 50"));
        Path sweepFile = dir.resolve("sweep.yaml");
        Files.writeString(sweepFile, "name: twice\nbase: " + base.getFileName() + "\nvariants:\n  - {seed: 1}\n");
        Path out = dir.resolve("sweep");
        Process child = Distribution.child(dir.resolve("child.log"), "sweep", sweepFile.toString(), "--out",
                out.toString());
        try {
            awaitLock(out, child, "toolkit sweep");

            Distribution.Result second = Distribution.cli("sweep", sweepFile.toString(), "--out", out.toString());

            assertThat(second.exitCode()).as(second.err()).isEqualTo(5);
            assertThat(second.err()).contains("error: the sweep folder " + out + " is in use by another toolkit "
                    + "process (pid " + child.pid() + ", toolkit sweep");
            assertThat(second.out()).as("refused before anything trains").doesNotContain("epoch 1/");
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Waits until {@code child} holds the lock of {@code folder} as {@code holder} says. */
    private static void awaitLock(Path folder, Process child, String holder) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!holds(folder.resolve(FolderLock.FILE_NAME), child, holder)) {
            assertThat(child.isAlive()).as("the child is still running").isTrue();
            assertThat(System.nanoTime()).as("the child took its lock in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static boolean holds(Path lock, Process child, String holder) {
        try {
            return Files.readString(lock).startsWith("pid " + child.pid() + ", " + holder);
        } catch (IOException e) {
            return false;
        }
    }
}
