package dev.contrastive.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A task on a worker that cannot use the sweep folder says so, naming the worker and the folder. */
class VariantTaskTest {

    @TempDir
    Path dir;

    private VariantTask task(Path visible) {
        return new VariantTask("seed=0", List.of("{java}", "-cp", "{toolkit}/lib/*", "x", "--threads", "{threads}"),
                dir.toString(), visible.toString(), dir.resolve("toolkit").toString(), "lib/toolkit-runtime.jar",
                SparkJob.SHIPPED);
    }

    @Test
    void aWorkerThatDoesNotSeeTheSweepFolderIsNamed() throws InterruptedException {
        TaskOutcome outcome = task(dir.resolve(".spark-check")).run(null);
        assertThat(outcome.exitCode()).isEqualTo(-1);
        assertThat(outcome.problem()).startsWith("worker " + outcome.host() + " does not see the sweep folder " + dir)
                .contains("every worker sees");
    }

    @Test
    void aWorkerThatCannotWriteTheSweepFolderIsNamed() throws IOException, InterruptedException {
        Path visible = Files.writeString(dir.resolve(".spark-check"), "");
        Files.writeString(dir.resolve("logs"), "a file where the logs folder goes");
        TaskOutcome outcome = task(visible).run(null);
        assertThat(outcome.problem()).startsWith("worker " + outcome.host() + " cannot write the sweep folder " + dir)
                .contains("every worker sees");
    }

    @Test
    void aWorkerWithoutTheToolkitIsNamed() throws IOException, InterruptedException {
        Path visible = Files.writeString(dir.resolve(".spark-check"), "");
        TaskOutcome outcome = task(visible).run(null);
        assertThat(outcome.problem()).contains("has no toolkit at " + dir.resolve("toolkit"))
                .contains("spark.executorEnv.TOOLKIT_HOME");
    }

    @Test
    void placeholdersAreFilledWithTheWorkersValues() {
        assertThat(VariantTask.fill(List.of("{java}", "{toolkit}/lib/*", "{shipped}/files/s.yaml", "{threads}"),
                Map.of(VariantTask.JAVA, "/jdk/bin/java", VariantTask.TOOLKIT, "/opt/toolkit",
                        VariantTask.SHIPPED, "/w/shipped.zip", VariantTask.THREADS, "4")))
                .containsExactly("/jdk/bin/java", "/opt/toolkit/lib/*", "/w/shipped.zip/files/s.yaml", "4");
    }
}
