package dev.contrastive.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.run.MetricsLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The CLI end to end: the bundled MoCo plugin, real Fashion-MNIST, a tiny network. */
class CliTest {

    static final String TINY = Distribution.TINY_RUN;

    @TempDir
    Path dir;

    private Path runFile(String text) throws IOException {
        return Distribution.runFile(dir, text);
    }

    private List<JsonNode> metrics(Path run) throws IOException {
        return MetricsLog.read(run.resolve("metrics.jsonl"));
    }

    private Path onlyRun(Path runs) throws IOException {
        try (Stream<Path> dirs = Files.list(runs)) {
            List<Path> all = dirs.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    @Test
    void pluginsListsTheBundledMocoPlugin() {
        Distribution.Result result = Distribution.cli("plugins");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("moco " + Distribution.VERSION).contains("objective moco").contains("policy    weak");
    }

    /** The keys and defaults come from binding an empty section: the same defaults a run resolves. */
    @Test
    void pluginsVerboseShowsRequirementsKeysAndDefaults() {
        Distribution.Result result = Distribution.cli("plugins", "--verbose");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains(Distribution.pluginJar("moco").toString())
                .contains("requires toolkit >=0.3.0 & <0.4.0")
                .contains("      moco:\n        queue: 4096\n        temperature: 0.2\n        momentum: 0.99")
                .contains("      augment.weak:\n        scale: [0.2,1.0]")
                .contains("      simclr:\n        temperature: 0.5")
                .contains("      augment.strong:\n        pool: official\n        repeats: 5");
    }

    @Test
    void noCommandIsAUsageErrorNamingEveryCommand() {
        Distribution.Result result = Distribution.cli();
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("name a command: run, eval, plugins, bench, augment, sweep, data");
    }

    @Test
    void tinyRunTrainsCheckpointsAndResumes() throws IOException {
        Path runs = dir.resolve("runs");
        Distribution.Result first = Distribution.cli("run", runFile(TINY).toString(), "--runs-dir", runs.toString(),
                "--set", "train.epochs=1");
        assertThat(first.exitCode()).as(first.err()).isZero();
        Path run = onlyRun(runs);
        assertThat(run.resolve("config.yaml")).content().contains("objective: \"moco\"").contains("queue: 64");
        assertThat(run.resolve("checkpoints/last.ckpt")).isRegularFile();
        assertThat(run.resolve("encoder.params")).isRegularFile();
        List<JsonNode> records = metrics(run);
        List<Double> losses = records.stream().filter(r -> r.get("type").asText().equals("step"))
                .map(r -> r.get("loss").asDouble()).toList();
        assertThat(losses).hasSize(10);
        // the queue holds real keys from step 2 on; from there the loss must fall
        double early = (losses.get(1) + losses.get(2) + losses.get(3)) / 3;
        double late = (losses.get(7) + losses.get(8) + losses.get(9)) / 3;
        assertThat(late).as("loss %s", losses).isLessThan(early);
        assertThat(records.stream().filter(r -> r.get("type").asText().equals("step"))
                .map(r -> r.get("online_linear_top1").asDouble())).allSatisfy(a -> assertThat(a).isBetween(0.0, 1.0));
        JsonNode epoch = last(records, "epoch");
        assertThat(epoch.get("knn_top1").asDouble()).as("kNN above the 10%% of chance").isGreaterThan(0.2);
        double hits = epoch.get("knn_top1").asDouble() * 1000;
        assertThat(hits).as("knn.test_limit 1000: a count of 1000 images").isCloseTo(Math.rint(hits), within(1e-3));
        assertThat(epoch.get("online_linear_test_top1").asDouble()).isBetween(0.0, 1.0);
        JsonNode eval = last(records, "eval");
        assertThat(eval.get("checkpoint").asText()).isEqualTo("checkpoints/last.ckpt");
        assertThat(eval.get("linear_top1").asDouble()).as("linear probe above chance").isGreaterThan(0.2);
        assertThat(run.resolve("report.md")).content().contains("linear_top1").contains("](accuracy.png)");

        // the checkpoint holds the online probe; switching it off on resume is allowed
        Distribution.Result resumed = Distribution.cli("run", "--resume", run.toString(), "--set", "train.epochs=2",
                "--set", "eval.online_linear=false");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("resuming").contains("after 2 epochs");
        List<JsonNode> after = metrics(run);
        assertThat(after.stream().filter(r -> r.get("type").asText().equals("epoch")).map(r -> r.get("epoch").asInt()))
                .containsExactly(1, 2);
        assertThat(last(after, "epoch").has("online_linear_test_top1")).isFalse();
        assertThat(onlyRun(runs)).isEqualTo(run);

        // killed after its last checkpoint, before the export: resuming only finishes the run
        Files.delete(run.resolve("encoder.params"));
        Distribution.Result finished = Distribution.cli("run", "--resume", run.toString());
        assertThat(finished.exitCode()).as(finished.err()).isZero();
        assertThat(finished.out()).contains("finishing it").contains("after 2 epochs");
        assertThat(run.resolve("encoder.params")).isRegularFile();
        assertThat(metrics(run).stream().filter(r -> r.get("type").asText().equals("epoch")))
                .as("no epoch trained again").hasSize(2);
        assertThat(finished.out()).contains("linear probe after epoch 2: logged before the run stopped, kept");
        assertThat(metrics(run).stream().filter(r -> r.get("type").asText().equals("eval")).map(r -> r.get("epoch")
                .asInt())).as("the probe of the finished epochs logged once").containsExactly(1, 2);

        Distribution.Result again = Distribution.cli("run", "--resume", run.toString());
        assertThat(again.exitCode()).isEqualTo(5);
        assertThat(again.err()).contains("finished all 2 epochs").contains("train.epochs");
    }

    private static JsonNode last(List<JsonNode> records, String type) {
        return records.stream().filter(r -> r.get("type").asText().equals(type)).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void badRunFilesExitTwoWithFileAndLine() throws IOException {
        Distribution.Result missing = Distribution.cli("run", dir.resolve("nope.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.yaml").contains("run file not found");

        Distribution.Result unknown = Distribution.cli("run", runFile("name: x\nobjective: byoll\n").toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("run.yaml:2:").contains("'byoll' is not known").contains("moco")
                .doesNotContain("Exception");
    }

    @Test
    void missingOrTruncatedDataExitsFourWithoutCreatingARun() throws IOException {
        Path runs = dir.resolve("runs");
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Distribution.Result missing = Distribution.cli("run", runFile(TINY).toString(), "--runs-dir", runs.toString(),
                "--set", "data.root=" + empty);
        assertThat(missing.exitCode()).isEqualTo(4);
        assertThat(missing.err()).contains("missing").contains("train-images-idx3-ubyte");

        Path truncated = Files.createDirectory(dir.resolve("truncated"));
        Path source = Path.of("/usr/share/datasets/fashion-mnist");
        for (String name : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
            byte[] bytes = Files.readAllBytes(source.resolve(name));
            Files.write(truncated.resolve(name), name.startsWith("train-images")
                    ? java.util.Arrays.copyOf(bytes, bytes.length / 3) : bytes);
        }
        Distribution.Result cut = Distribution.cli("run", runFile(TINY).toString(), "--runs-dir", runs.toString(),
                "--set", "data.root=" + truncated);
        assertThat(cut.exitCode()).isEqualTo(4);
        assertThat(cut.err()).contains("train-images-idx3-ubyte.gz");
        assertThat(runs).doesNotExist();
    }

    @Test
    void resumeRefusesAFolderWithoutCheckpointAndLeavesItAlone() throws IOException {
        Path run = Files.createDirectory(dir.resolve("run"));
        Files.writeString(run.resolve("config.yaml"), "objective: moco\n");
        Distribution.Result result = Distribution.cli("run", "--resume", run.toString());
        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.err()).contains("no checkpoint");
        try (Stream<Path> files = Files.list(run)) {
            assertThat(files.toList()).containsExactly(run.resolve("config.yaml"));
        }
    }
}
