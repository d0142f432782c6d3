package dev.contrastive.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A command writes into an existing run folder only after every check has passed, and never
 * rewrites what it cannot reproduce: the resumes it refuses leave a run byte for byte as it
 * was, and a resume that extends training keeps the run's provenance.
 */
class ResumeGuardTest {

    @TempDir
    static Path shared;

    /** CliTest's tiny MoCo run, 2 epochs, finished. */
    private static Path finished;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() throws IOException {
        Path runs = shared.resolve("runs");
        Path file = Distribution.runFile(shared, Distribution.TINY_RUN);
        Distribution.Result result = Distribution.cli("run", file.toString(), "--runs-dir", runs.toString(),
                "--set", "eval.linear=false");
        assertThat(result.exitCode()).as(result.err()).isZero();
        finished = RunFolders.onlyRun(runs);
    }

    private static Distribution.Result refused(String... args) throws IOException {
        Map<String, String> before = RunFolders.snapshot(finished);
        Distribution.Result result = Distribution.cli(args);
        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(5);
        assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(RunFolders.snapshot(finished)).as("the run folder after a refused command").isEqualTo(before);
        return result;
    }

    @Test
    void resumingAFinishedRunChangesNothing() throws IOException {
        Distribution.Result result = refused("run", "--resume", finished.toString());
        assertThat(result.err()).contains("has finished all 2 epochs");
    }

    /** Settings that change the model, the objective chain, the data or the optimisation: refused, named. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"model.width=8", "objective=moco+clsa", "seed=4", "train.lr=0.2", "moco.queue=128",
            "data.limit=1280"})
    void aResumeThatWouldChangeWhatWasTrainedIsRefusedNamingTheSetting(String setting) throws IOException {
        for (List<String> extra : List.of(List.<String>of(), List.of("--set", "train.epochs=3"))) {
            List<String> args = new ArrayList<>(List.of("run", "--resume", finished.toString(), "--set", setting));
            args.addAll(extra);
            Distribution.Result result = refused(args.toArray(String[]::new));
            assertThat(result.err()).contains("cannot resume").contains(setting.substring(0, setting.indexOf('=')))
                    .contains("Start a new run");
        }
        if (setting.startsWith("model.") || setting.startsWith("objective")) {
            assertThat(Distribution.cli("eval", finished.toString(), "--knn").exitCode())
                    .as("the run still matches its checkpoint").isZero();
        }
    }

    @Test
    void fewerEpochsThanTrainedAreRefused() throws IOException {
        Distribution.Result result = refused("run", "--resume", finished.toString(), "--set", "train.epochs=1");
        assertThat(result.err()).contains("has trained to epoch 2").contains("train.epochs=1 is fewer")
                .contains("--checkpoint checkpoints/epoch-1.ckpt");
        assertThat(result.out()).doesNotContain("images/s");
    }

    @Test
    void extendingARunKeepsItsProvenanceAndAddsTheResume() throws IOException {
        Path run = RunFolders.copy(finished, dir.resolve("run"));
        List<String> header = Files.readAllLines(run.resolve("config.yaml")).stream()
                .takeWhile(l -> l.startsWith("#")).toList();
        assertThat(header).anySatisfy(l -> assertThat(l).contains("from ").contains("run.yaml")
                .contains("--set eval.linear=false"));
        Distribution.Result result = Distribution.cli("run", "--resume", run.toString(), "--set", "train.epochs=3");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("continuing after epoch 2");
        List<String> config = Files.readAllLines(run.resolve("config.yaml"));
        assertThat(config.subList(0, header.size())).isEqualTo(header);
        assertThat(config.get(header.size())).startsWith("# resumed after epoch 2 by contrastive toolkit ")
                .endsWith("with --set train.epochs=3");
        assertThat(config).contains("  epochs: 3");
        assertThat(MetricsLog.read(run.resolve("metrics.jsonl")).stream()
                .filter(r -> r.get("type").asText().equals("epoch")).map(r -> r.get("epoch").asInt()))
                .containsExactly(1, 2, 3);
    }

    /** kill -9 during an append leaves a torn line: the next writer ends it, every reader skips it. */
    @Test
    void aTornMetricsLineCostsOnlyThatLine() throws IOException {
        Path run = RunFolders.copy(finished, dir.resolve("run"));
        Path metrics = run.resolve("metrics.jsonl");
        int before = MetricsLog.read(metrics).size();
        Files.writeString(metrics, "{\"type\":\"step\",\"epoch\":3,\"lo", StandardOpenOption.APPEND);
        Distribution.Result result = Distribution.cli("eval", run.toString(), "--knn");
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<JsonNode> records = MetricsLog.read(metrics);
        assertThat(records).hasSize(before + 1);
        assertThat(records.get(before).get("type").asText()).isEqualTo("eval");
        assertThat(Files.readString(metrics)).contains("\"lo\n{\"type\":\"eval\"");
        assertThat(run.resolve("report.md")).content().contains("knn_top1");
    }
}
