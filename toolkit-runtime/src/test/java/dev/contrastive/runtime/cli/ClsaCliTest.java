package dev.contrastive.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.api.testing.GoldenFiles;
import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.augment.PngImages;
import dev.contrastive.runtime.run.Checkpoint;
import dev.contrastive.runtime.run.CheckpointFormat;
import dev.contrastive.runtime.run.MetricsLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** CLSA composed over MoCo through the CLI, with the bundled plugins. */
class ClsaCliTest {

    static final String TINY_CLSA = CliTest.TINY.replace("objective: moco", "objective: moco+clsa") + """
            clsa:
              beta: 1.0
              views:
                - {size: 0.72, scale: [0.3, 1.0]}
                - {size: 0.43}
            """;

    @TempDir
    Path dir;

    private Path runFile(String text) throws IOException {
        return Distribution.runFile(dir, text);
    }

    @Test
    void mocoPlusClsaLogsBothTermsAndStrongKnn() throws IOException {
        Path runs = dir.resolve("runs");
        Distribution.Result result = Distribution.cli("run", runFile(TINY_CLSA).toString(), "--runs-dir",
                runs.toString(), "--set", "train.epochs=1");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("L_C").contains("L_D").contains("on strongly augmented test images");
        Path run;
        try (Stream<Path> dirs = Files.list(runs)) {
            run = dirs.findFirst().orElseThrow();
        }
        JsonNode step = MetricsLog.read(run.resolve("metrics.jsonl")).get(0);
        assertThat(step.get("loss").asDouble())
                .isCloseTo(step.get("L_C").asDouble() + step.get("L_D").asDouble(), org.assertj.core.data.Offset.offset(1e-4));
        JsonNode epoch = MetricsLog.last(MetricsLog.read(run.resolve("metrics.jsonl")), "epoch");
        assertThat(epoch.get("knn_strong_top1").asDouble()).isGreaterThan(0.1);
        assertThat(run.resolve("config.yaml")).content().contains("clsa:").contains("reduction: \"sum\"")
                .contains("strong:").contains("repeats: 5");
    }

    /**
     * The official CLSA* (MoCo's batch candidates, five weak queries, five strong views) and the
     * strong-as-positive ablation train from the CLI, each logging its own terms, whose sum is
     * the loss.
     */
    @Test
    void multiCropAndStrongPositivesTrainAndLogTheirTerms() throws IOException {
        for (String clsa : List.of("recipe: paper-multicrop", "loss: positive")) {
            Path runs = dir.resolve("runs-" + clsa.hashCode());
            String run = CliTest.TINY.replace("objective: moco", "objective: moco+clsa")
                    + "clsa:\n  " + clsa + "\n";
            Distribution.Result result = Distribution.cli("run", runFile(run).toString(), "--runs-dir", runs.toString(),
                    "--set", "train.epochs=1", "--set", "knn.every_epoch=false", "--set", "moco.candidates=batch");
            assertThat(result.exitCode()).as(result.err()).isZero();
            Path folder;
            try (Stream<Path> dirs = Files.list(runs)) {
                folder = dirs.findFirst().orElseThrow();
            }
            JsonNode step = MetricsLog.read(folder.resolve("metrics.jsonl")).get(0);
            double terms = clsa.startsWith("recipe") ? step.get("L_C").asDouble() + step.get("L_Cx").asDouble()
                    + step.get("L_D").asDouble() : step.get("L_C").asDouble() + step.get("L_S").asDouble();
            assertThat(step.get("loss").asDouble()).as(clsa).isCloseTo(terms, org.assertj.core.data.Offset.offset(1e-4));
            assertThat(folder.resolve("config.yaml")).content().contains("candidates: \"batch\"");
        }
    }

    @Test
    void clsaConfigErrorsNameTheLine() throws IOException {
        Distribution.Result none = Distribution.cli("run",
                runFile("objective: moco+clsa\nclsa:\n  views: []\n").toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("run.yaml:3:3").contains("at least one strong view");

        Distribution.Result large = Distribution.cli("run", runFile(
                "objective: moco+clsa\nclsa:\n  views:\n    - {size: 1.0}\n    - {size: 1.4}\n").toString());
        assertThat(large.exitCode()).isEqualTo(2);
        assertThat(large.err()).contains("run.yaml:5:").contains("fraction of the weak view's side in (0, 1]");

        Distribution.Result op = Distribution.cli("run", runFile(
                "objective: moco+clsa\naugment:\n  strong:\n    ops: [Rotate, Wobble]\n").toString());
        assertThat(op.exitCode()).isEqualTo(2);
        assertThat(op.err()).contains("run.yaml:4:").contains("Wobble").contains("Posterize");

        Distribution.Result magnitude = Distribution.cli("run", runFile(
                "objective: moco+clsa\naugment:\n  strong:\n    max_magnitude: 12\n").toString());
        assertThat(magnitude.exitCode()).isEqualTo(2);
        assertThat(magnitude.err()).contains("run.yaml:4:");

        Distribution.Result alone = Distribution.cli("run", runFile("objective: clsa\n").toString());
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err()).contains("run.yaml:1:").contains("needs a base");
    }

    @Test
    void augmentApplyMatchesPillowGoldenAndPreviewDrawsEveryView() throws IOException {
        Path golden = GoldenFiles.augmentDir();
        Path out = dir.resolve("out.png");
        Distribution.Result apply = Distribution.cli("augment", "apply", "--op", "Posterize", "--value", "5",
                golden.resolve("in_gray_0.png").toString(), out.toString());
        assertThat(apply.exitCode()).as(apply.err()).isZero();
        assertThat(PngImages.read(out).pixels()).isEqualTo(PngImages.read(golden.resolve("out_gray_0_Posterize_1.png")).pixels());

        Distribution.Result unknown = Distribution.cli("augment", "apply", "--op", "Wobble",
                golden.resolve("in_gray_0.png").toString(), out.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Wobble").contains("Rotate");

        Path grid = dir.resolve("grid.png");
        Distribution.Result preview = Distribution.cli("augment", "preview", runFile(TINY_CLSA).toString(),
                "--out", grid.toString(), "--samples", "3", "--zoom", "2");
        assertThat(preview.exitCode()).as(preview.err()).isZero();
        // 3 rows; columns: original, query, key, two strong views; 28 px cells enlarged twice, 2 px gaps
        assertThat(PngImages.read(grid).height()).isEqualTo(3 * (56 + 2) + 2);
        assertThat(PngImages.read(grid).width()).isEqualTo(5 * (56 + 2) + 2);
    }

    /**
     * A learning rate of 1e30 explodes the weights in the first step; the second step's loss is
     * not finite and stops the run before any parameter changes, with the checkpoint written
     * after the first step (train.checkpoint_every_steps: 1) whole. (A resume cannot raise lr:
     * the resume guard refuses it.)
     */
    @Test
    void nonFiniteLossStopsTheRunAndKeepsTheCheckpoint() throws IOException {
        Path runs = dir.resolve("runs");
        Distribution.Result diverged = Distribution.cli("run", runFile(TINY_CLSA).toString(), "--runs-dir",
                runs.toString(), "--set", "train.epochs=1", "--set", "knn.every_epoch=false", "--set",
                "train.lr=1e30", "--set", "train.checkpoint_every_steps=1");
        assertThat(diverged.exitCode()).as(diverged.err()).isEqualTo(5);
        assertThat(diverged.err()).contains("not finite").contains("last checkpoint").contains("is intact");
        Path run;
        try (Stream<Path> dirs = Files.list(runs)) {
            run = dirs.findFirst().orElseThrow();
        }
        Checkpoint kept = CheckpointFormat.read(run.resolve("checkpoints/last.ckpt"));
        assertThat(kept.progress().steps()).as("a checkpoint of the steps before the non-finite loss")
                .isPositive();
    }
}
