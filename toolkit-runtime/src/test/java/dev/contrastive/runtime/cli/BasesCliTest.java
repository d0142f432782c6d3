package dev.contrastive.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.run.MetricsLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** SimCLR, BYOL, SimSiam, MoCo v3, DINO and InstDisc, alone and under CLSA, through the CLI: training, resume, bad settings. */
class BasesCliTest {

    /** Distribution's tiny run without its objective: one epoch, no linear probe at the end. */
    static final String TINY = Distribution.TINY_RUN.replace("objective: moco\n", "")
            .replace("moco:\n  queue: 64\n", "").replace("  epochs: 2\n", "  epochs: 1\n")
            + "eval:\n  linear: false\n";

    @TempDir
    Path dir;

    @Test
    void pluginsListsEveryBundledObjectiveFromItsOwnJar() {
        Distribution.Result result = Distribution.cli("plugins");
        assertThat(result.exitCode()).as(result.err()).isZero();
        for (String name : List.of("moco", "simclr", "byol", "simsiam", "mocov3", "dino", "instdisc",
                "clsa-ddm", "strong-augment")) {
            assertThat(result.out()).contains("plugin-" + name + "-" + Distribution.VERSION + ".jar");
        }
        assertThat(result.out()).contains("objective simclr").contains("objective byol")
                .contains("objective simsiam").contains("objective mocov3").contains("objective dino")
                .contains("objective instdisc")
                .contains("objective clsa")
                .contains("policy    strong");
    }

    // InstDisc over the whole bank: with drawn negatives its first epoch gathers the embeddings
    // (entries not yet visited, still random, are drawn beside visited ones: embedding_std 0.027 after
    // this file's one epoch, against 0.035 here; 0.030 -> 0.047 over 3 epochs of 4,096 images at 128-d);
    // the drawn mode is trained by the resume test below
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"simclr", "simclr+clsa", "byol", "byol+clsa", "simsiam", "simsiam+clsa", "mocov3",
        "mocov3+clsa", "dino", "dino+clsa", "instdisc\ninstdisc: {negatives: 0}",
        "instdisc+clsa\ninstdisc: {negatives: 0}"})
    void eachBaseTrainsAloneAndUnderClsa(String objective) throws IOException {
        Path runs = dir.resolve("runs");
        Distribution.Result result = Distribution.cli("run", Distribution.runFile(dir, TINY + "objective: " + objective
                + "\n").toString(), "--runs-dir", runs.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        Path run = onlyRun(runs);
        assertThat(run.resolve("encoder.params")).isRegularFile();
        JsonNode epoch = MetricsLog.last(MetricsLog.read(run.resolve("metrics.jsonl")), "epoch");
        assertThat(epoch.get("knn_top1").asDouble()).isBetween(0.2, 1.0);
        // unit vectors in 32 dimensions that have not collapsed spread with a std near 1/sqrt(32)
        assertThat(epoch.get("embedding_std").asDouble()).isBetween(0.2 / Math.sqrt(32), 1.0);
        assertThat(epoch.has("L_C")).isTrue();
        boolean clsa = objective.lines().findFirst().orElseThrow().endsWith("+clsa"); // a section may follow
        assertThat(epoch.has("L_D")).isEqualTo(clsa);
        assertThat(epoch.has("knn_strong_top1")).isEqualTo(clsa);
    }

    /**
     * DINO's head without BatchNorm gathers this tiny run's embeddings to one point (embedding_std
     * 0.0098 against the 0.035 of 0.2/sqrt(32)), and the run says so on the console and in
     * metrics.jsonl; the default head (with BatchNorm) stays above it in
     * {@link #eachBaseTrainsAloneAndUnderClsa}.
     */
    @Test
    void aDinoRunThatCollapsesSaysSo() throws IOException {
        Path runs = dir.resolve("runs");
        Distribution.Result result = Distribution.cli("run", Distribution.runFile(dir, TINY
                + "objective: dino\ndino: {head_batch_norm: false}\n").toString(), "--runs-dir", runs.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out() + result.err()).contains("warning: epoch 1: embedding_std").contains("collapsing");
        List<JsonNode> records = MetricsLog.read(onlyRun(runs).resolve("metrics.jsonl"));
        assertThat(records).anySatisfy(r -> {
            assertThat(r.get("type").asText()).isEqualTo("warning");
            assertThat(r.get("message").asText()).contains("collapsing");
        });
    }

    /**
     * A run stopped after its first epoch and resumed ends with the same checkpoint, byte for byte,
     * as the run that was never stopped: BYOL (momentum schedule over the whole run, a queue),
     * MoCo v3 (its momentum encoder's schedule) and SimSiam (its predictor held at the peak
     * learning rate while the rest follows the schedule) and DINO (its teacher's centre, the teacher
     * temperature's warm-up across the stop, two local crops) and InstDisc (its memory bank and the seed
     * of its draws), each under CLSA.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"byol+clsa\nbyol: {queue: 128, momentum: 0.9}", "mocov3+clsa\nmocov3: {momentum: 0.9}",
        "simsiam+clsa", "dino+clsa\ndino: {momentum: 0.9, warmup_epochs: 2, prototypes: 64, local_crops: 2, local_size: 8}",
        "instdisc+clsa\ninstdisc: {negatives: 256}"})
    void resumedAfterAStopEndsBitIdenticalToAnUninterruptedRun(String chain) throws IOException {
        Path runs = dir.resolve("runs");
        String file = Distribution.runFile(dir, TINY + "objective: " + chain + "\n").toString();
        Distribution.Result whole = Distribution.cli("run", file, "--runs-dir", runs.toString(),
                "--set", "train.epochs=2", "--set", "train.checkpoint_every=1");
        assertThat(whole.exitCode()).as(whole.err()).isZero();
        Path uninterrupted = onlyRun(runs);

        Path stopped = dir.resolve("stopped");
        Files.createDirectories(stopped.resolve("checkpoints"));
        Files.copy(uninterrupted.resolve("config.yaml"), stopped.resolve("config.yaml"));
        Files.copy(uninterrupted.resolve("checkpoints/epoch-1.ckpt"), stopped.resolve("checkpoints/last.ckpt"),
                StandardCopyOption.REPLACE_EXISTING);
        Distribution.Result resumed = Distribution.cli("run", "--resume", stopped.toString());
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(Files.readAllBytes(stopped.resolve("checkpoints/last.ckpt")))
                .isEqualTo(Files.readAllBytes(uninterrupted.resolve("checkpoints/last.ckpt")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "byol: {queue: -3}|queue must be in 0..262144",
        "byol: {momentum: 1.5}|momentum must be in [0, 1]",
        "simclr: {temperature: 0}|temperature must be > 0",
        "simsiam: {predictor_ratio: 0}|predictor_ratio must be in (0, 1]",
        "mocov3: {momentum: 1.5}|momentum must be in [0, 1]",
        "dino: {prototypes: 0}|prototypes must be in 1..16384",
        "dino: {teacher_temperature: 1.5}|teacher_temperature must be in (0, 1]",
        "dino: {local_crops: 2, local_size: 40}|local crops of 40 px must be smaller than the global crops",
        "instdisc: {negatives: 1000}|1000 negatives per step are more than the 640 images in the memory bank",
        "instdisc: {bank_momentum: 1.5}|bank_momentum must be in [0, 1]",
    })
    void badBaseSettingsNameTheirLine(String section, String message) throws IOException {
        String objective = section.substring(0, section.indexOf(':'));
        long line = TINY.lines().count() + 2; // the section's line, after the objective's
        Distribution.Result result = Distribution.cli("run", Distribution.runFile(dir, TINY + "objective: "
                + objective + "+clsa\n" + section + "\n").toString(), "--runs-dir", dir.resolve("runs").toString());
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains("run.yaml:" + line + ":").contains(message);
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    private static Path onlyRun(Path runs) throws IOException {
        try (Stream<Path> dirs = Files.list(runs)) {
            List<Path> all = dirs.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }
}
