package dev.contrastive.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.RunFolders;
import dev.contrastive.runtime.run.MetricsLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** {@code toolkit eval} end to end on a tiny trained run, and on folders it must refuse. */
class EvalCommandTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    static Path shared;

    private static Path run;

    @TempDir
    Path dir;

    /** One epoch of CliTest's tiny MoCo run: 640 images, width 4. */
    @BeforeAll
    static void train() throws IOException {
        run = RunFolders.trainTinyRun(shared, "train.checkpoint_every=1");
    }

    private static List<JsonNode> metrics(Path folder) throws IOException {
        return MetricsLog.read(folder.resolve("metrics.jsonl"));
    }

    private static void assertPng(Path file) throws IOException {
        assertThat(file).isRegularFile();
        byte[] bytes = Files.readAllBytes(file);
        assertThat(Arrays.copyOf(bytes, 8)).as(file + " signature").isEqualTo(PNG_SIGNATURE);
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as(file + " decodes").isNotNull();
        assertThat(image.getWidth()).isGreaterThan(100);
        assertThat(image.getHeight()).isGreaterThan(100);
    }

    @Test
    void evalAppendsAnEvalRecordWritesTheReportAndTellsTheTrainedEncoderFromItsInitialisation() throws IOException {
        int before = metrics(run).size();
        Distribution.Result result = Distribution.cli("eval", run.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("kNN top-1").contains("linear top-1").contains("report.md");

        List<JsonNode> records = metrics(run);
        assertThat(records).hasSize(before + 1);
        JsonNode eval = records.get(records.size() - 1);
        assertThat(eval.get("type").asText()).isEqualTo("eval");
        assertThat(eval.get("checkpoint").asText()).isEqualTo("checkpoints/last.ckpt");
        assertThat(eval.get("epoch").asInt()).isEqualTo(1);
        double linear = eval.get("linear_top1").asDouble();
        assertThat(linear).as("linear top-1 above the 10%% of chance").isGreaterThan(0.3);
        assertThat(eval.get("linear_top5").asDouble()).isGreaterThanOrEqualTo(linear);
        assertThat(eval.get("linear_train_images").asInt()).isEqualTo(640);
        assertThat(eval.get("knn_top1").asDouble()).isGreaterThan(0.2);
        assertThat(eval.get("knn_top1").asDouble()).as("the same memory and test images as the monitor")
                .isEqualTo(records.stream().filter(r -> r.get("type").asText().equals("epoch"))
                        .reduce((a, b) -> b).orElseThrow().get("knn_top1").asDouble());

        String report = Files.readString(run.resolve("report.md"));
        assertThat(report).contains("moco").contains("resnet18, width 4").contains("linear_top1")
                .contains("knn_top1").contains("images/s").contains("](loss.png)").contains("](accuracy.png)");
        assertPng(run.resolve("loss.png"));
        assertPng(run.resolve("accuracy.png"));
    }

    @Test
    void aKeptEpochCheckpointIsEvaluatedByName() throws IOException {
        Path kept = run.resolve("checkpoints/epoch-1.ckpt");
        assertThat(kept).as("train.checkpoint_every: 1").isRegularFile();
        assertThat(kept).hasSameBinaryContentAs(run.resolve("checkpoints/last.ckpt"));
        Distribution.Result result = Distribution.cli("eval", run.toString(), "--knn", "--checkpoint", kept.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode eval = metrics(run).stream().reduce((a, b) -> b).orElseThrow();
        assertThat(eval.get("checkpoint").asText()).isEqualTo("checkpoints/epoch-1.ckpt");
        assertThat(eval.get("epoch").asInt()).isEqualTo(1);
        assertThat(eval.has("linear_top1")).as("--knn alone").isFalse();
    }

    @Test
    void initEvaluatesTheSeedsUntrainedEncoderBesideTheTrainedOne() throws IOException {
        Distribution.Result result = Distribution.cli("eval", run.toString(), "--init", "--linear");
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode init = metrics(run).stream().reduce((a, b) -> b).orElseThrow();
        assertThat(init.get("checkpoint").asText()).isEqualTo("init");
        assertThat(init.get("epoch").asInt()).isZero();
        assertThat(init.has("knn_top1")).as("--linear alone").isFalse();
        JsonNode trained = metrics(run).stream().filter(r -> r.get("type").asText().equals("eval"))
                .filter(r -> r.get("checkpoint").asText().equals("checkpoints/last.ckpt")).findFirst().orElseThrow();
        assertThat(init.get("linear_top1").asDouble()).as("a different encoder")
                .isNotEqualTo(trained.get("linear_top1").asDouble());
        assertThat(run.resolve("report.md")).content().contains("| init | 0 |")
                .contains("| checkpoints/last.ckpt | 1 |");

        Distribution.Result both = Distribution.cli("eval", run.toString(), "--init", "--checkpoint",
                run.resolve("checkpoints/last.ckpt").toString());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--init and --checkpoint");
    }

    @Test
    void aFolderWithoutConfigIsRefused() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Distribution.Result result = Distribution.cli("eval", empty.toString());
        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.err()).contains("not a run folder").contains("config.yaml").doesNotContain("Exception");
        try (Stream<Path> files = Files.list(empty)) {
            assertThat(files.toList()).isEmpty();
        }
        Distribution.Result missing = Distribution.cli("eval", dir.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(5);
        assertThat(missing.err()).contains("nope").contains("not a folder");
    }

    @Test
    void aRunWithoutCheckpointIsRefusedAndLeftAsItWas() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("run"));
        Files.copy(run.resolve("config.yaml"), folder.resolve("config.yaml"));
        Files.copy(run.resolve("metrics.jsonl"), folder.resolve("metrics.jsonl"));
        Files.createDirectory(folder.resolve("checkpoints"));
        Files.writeString(folder.resolve("report.md"), "an older report\n");
        Map<Path, byte[]> before = contents(folder);

        Distribution.Result result = Distribution.cli("eval", folder.toString());
        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.err()).contains("no checkpoint").doesNotContain("Exception");

        Distribution.Result named = Distribution.cli("eval", folder.toString(), "--checkpoint",
                folder.resolve("checkpoints/epoch-9.ckpt").toString());
        assertThat(named.exitCode()).isEqualTo(5);
        assertThat(named.err()).contains("epoch-9.ckpt").contains("no such file");

        Map<Path, byte[]> after = contents(folder);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        after.forEach((path, bytes) -> assertThat(bytes).as(path.toString()).isEqualTo(before.get(path)));
    }

    /** Every file and folder under {@code root} with its bytes (empty for folders). */
    private static Map<Path, byte[]> contents(Path root) throws IOException {
        Map<Path, byte[]> contents = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                contents.put(root.relativize(path), Files.isRegularFile(path) ? Files.readAllBytes(path) : new byte[0]);
            }
        }
        return contents;
    }
}
