package dev.contrastive.runtime.sweep.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive.runtime.sweep.PreparedVariant;
import dev.contrastive.runtime.sweep.SweepFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The job handed to the Spark driver: the files shipped to the workers and a command per pending variant. */
class SparkJobFolderTest {

    @TempDir
    Path dir;

    @Test
    void shipsThePluginsAndTheRunFilesAsTheyLieAndCommandsWithTheWorkersPlaceholders() throws IOException {
        Path home = dir.resolve("dist");
        Files.createDirectories(home.resolve("plugins"));
        Files.writeString(home.resolve("plugins/plugin-moco-0.2.0.jar"), "jar");
        Path extra = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(extra.resolve("plugin-mine-1.0.jar"), "jar");
        Files.createDirectories(dir.resolve("runs"));
        Files.writeString(dir.resolve("runs/run.yaml"), "objective: moco\n");
        Path sweepFile = Files.createDirectories(dir.resolve("sweeps")).resolve("s.yaml");
        Files.writeString(sweepFile, "base: ../runs/run.yaml\naxes:\n  seed: [0, 1]\n");
        SweepFile sweep = SweepFile.load(sweepFile);
        List<PreparedVariant> pending = sweep.variants().stream()
                .map(v -> new PreparedVariant(v, null, List.of())).toList();
        Path out = dir.resolve("out");
        SparkSettings settings = new SparkSettings("spark://127.0.0.1:7077", Map.of("spark.task.cpus", "2"), home,
                "0.2.0", "Main", null);

        Path job = Files.createDirectory(dir.resolve("job"));
        Path file = SparkJobFolder.write(job, settings, sweep, List.of(extra), out, out.resolve(".spark-x"), pending);

        assertThat(job.resolve("ship/plugins/plugin-moco-0.2.0.jar")).hasContent("jar");
        assertThat(job.resolve("ship/plugins-1/plugin-mine-1.0.jar")).hasContent("jar");
        assertThat(job.resolve("ship/files/sweeps/s.yaml")).hasSameTextualContentAs(sweepFile);
        assertThat(job.resolve("ship/files/runs/run.yaml")).hasContent("objective: moco");
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        assertThat(p).containsEntry("master", "spark://127.0.0.1:7077").containsEntry("conf.spark.task.cpus", "2")
                .containsEntry("variants", "2").containsEntry("variant.1", "seed=1")
                .containsEntry("out", out.toString()).containsEntry("visible", out.resolve(".spark-x").toString())
                .containsEntry("toolkit.home", home.toString())
                .containsEntry("toolkit.jar", "lib/toolkit-runtime-0.2.0.jar").doesNotContainKey("secret.file");
        List<String> command = new ArrayList<>();
        for (int j = 0; p.containsKey("command.1." + j); j++) {
            command.add(p.getProperty("command.1." + j));
        }
        assertThat(command.get(0)).isEqualTo("{java}");
        assertThat(command).contains("-Dtoolkit.home={shipped}").containsSubsequence("-cp", "{toolkit}/lib/*",
                "Main", "sweep", "{shipped}/files/sweeps/s.yaml", "--out", out.toString(), "--threads", "{threads}",
                "--only", "seed=1", "--plugins", "{shipped}/plugins-1", "--origin", sweepFile.toString());
    }

    @Test
    void driverLinesAreEventsWithTheirFields() {
        assertThat(DriverEvent.parse("finished\tseed=0\thost\t0\t12.500\t")).isEqualTo(
                new DriverEvent("finished", List.of("seed=0", "host", "0", "12.500", "")));
        assertThat(DriverEvent.parse("lost\tseed=0\thost\t1\tExecutorLostFailure")).isNotNull();
        assertThat(DriverEvent.parse("started\tseed=0\thost")).isNull();
        assertThat(DriverEvent.parse("26/11/25 INFO SparkContext: Running Spark version 4.0.1")).isNull();
    }
}
