package dev.contrastive.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.RunFolders;
import dev.contrastive.runtime.run.MetricsLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The ViT backbone under every base and CLSA through the CLI, its export, and its bad sizes. */
class VitCliTest {

    /** BasesCliTest's tiny run over a ViT of one layer: 4-px patches, CLSA's 12-px strong views 3 x 3 of them. */
    static final String TINY_VIT = BasesCliTest.TINY.replace("model:\n  width: 4\n",
            "model:\n  backbone: vit\n  width: 16\n  vit: {patch_size: 4, depth: 1, heads: 2, mlp_ratio: 2}\n");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"moco+clsa", "simclr+clsa", "byol+clsa", "simsiam+clsa", "mocov3+clsa", "dino+clsa",
        "instdisc+clsa\ninstdisc: {negatives: 0}"})
    void everyBaseTrainsAVitUnderClsa(String objective) throws IOException {
        Path runs = dir.resolve("runs");
        Distribution.Result result = Distribution.cli("run", Distribution.runFile(dir, TINY_VIT + "objective: "
                + objective + "\n").toString(), "--runs-dir", runs.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        Path run = RunFolders.onlyRun(runs);
        assertThat(run.resolve("encoder.params")).isRegularFile();
        JsonNode epoch = MetricsLog.last(MetricsLog.read(run.resolve("metrics.jsonl")), "epoch");
        assertThat(epoch.get("knn_top1").asDouble()).as("above the 10 %% of chance").isBetween(0.2, 1.0);
        assertThat(epoch.get("L_D").asDouble()).isFinite().isPositive();
        assertThat(epoch.has("knn_strong_top1")).isTrue();
    }

    @Test
    void aVitExportsUnderDinosNames() throws IOException {
        Path runs = dir.resolve("runs");
        Distribution.Result trained = Distribution.cli("run", Distribution.runFile(dir, TINY_VIT
                + "objective: mocov3\n").toString(), "--runs-dir", runs.toString());
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        Path out = dir.resolve("vit.safetensors");
        Distribution.Result exported = Distribution.cli("export", RunFolders.onlyRun(runs).toString(),
                "--format", "safetensors", "--out", out.toString());
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        String header = new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1);
        assertThat(header).contains("\"cls_token\"").contains("\"pos_embed\"").contains("\"blocks.0.attn.qkv.weight\"")
                .contains("\"patch_embed.proj.weight\"").doesNotContain("layer1");
    }

    @Test
    void patchesThatDoNotTileTheImagesNameTheirLine() throws IOException {
        String file = TINY_VIT.replace("patch_size: 4", "patch_size: 5") + "objective: moco\n";
        long line = file.lines().takeWhile(l -> !l.contains("patch_size")).count() + 1;
        Distribution.Result result = Distribution.cli("run", Distribution.runFile(dir, file).toString(),
                "--runs-dir", dir.resolve("runs").toString());
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains("run.yaml:" + line + ":")
                .contains("5-px patches do not tile the 28-px training images");
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void aViewSmallerThanAPatchNamesThePatchSize() throws IOException {
        String file = TINY_VIT.replace("patch_size: 4", "patch_size: 14") + "objective: moco+clsa\n";
        Distribution.Result result = Distribution.cli("run", Distribution.runFile(dir, file).toString(),
                "--runs-dir", dir.resolve("runs").toString());
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains("model.vit.patch_size: view 'strong").contains("is 12 px, smaller than one 14-px patch");
        assertThat(dir.resolve("runs")).doesNotExist();
    }
}
