package dev.contrastive.runtime.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.RunFolders;
import dev.contrastive.runtime.StopAfterStep;
import dev.contrastive.runtime.run.MetricsLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * A run's TensorBoard files read back by an independent reader ({@link TensorBoardEvents}: Debian's
 * python3-protobuf, both CRCs of every record checked) against the run's own {@code metrics.jsonl}:
 * every scalar at its step, as float32; the preview image as the PNG the run wrote; no step twice
 * after a resume from a checkpoint older than what the stopped process had logged.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class TensorBoardRunTest {

    /** The tiny run, 10 steps an epoch, two epochs, a checkpoint every 4 steps. */
    private static final String RUN = Distribution.TINY_RUN.replace("log_every: 1",
            "log_every: 1\n  checkpoint_every_steps: 4");

    @TempDir
    Path dir;

    @Test
    void everyScalarOfTheMetricsAndThePreviewDecodeAndAResumeWritesNoStepTwice() throws Exception {
        // run A stops after its checkpoint at step 16; run B, the same run file, after step 4
        Path a = stoppedRun(dir.resolve("a"), 14, "stopped after step 16");
        Path b = stoppedRun(dir.resolve("b"), 2, "stopped after step 4");
        // A resumes from B's checkpoint, the state A had at step 4 (resuming is exact): its first
        // process has logged steps 5 to 16 already, which the second must not write again
        Files.copy(b.resolve("checkpoints/last.ckpt"), a.resolve("checkpoints/last.ckpt"),
                StandardCopyOption.REPLACE_EXISTING);
        Distribution.Result resumed = Distribution.cli("run", "--resume", a.toString());
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("continuing after step 4 of epoch 1");
        assertThat(resumed.out()).doesNotContain("tensorboard:");

        TensorBoardEvents tb = TensorBoardEvents.read(a.resolve("tb"));
        assertThat(tb.files()).as("an event file per process start").hasSize(2);
        assertThat(tb.torn()).as("no record cut short").isEmpty();
        List<String> tagSteps = tb.tagSteps();
        assertThat(new HashSet<>(tagSteps)).as("no tag at a step twice").hasSameSizeAs(tagSteps);

        Map<String, Set<Float>> expected = expectedScalars(a.resolve("metrics.jsonl"));
        assertThat(expected).as("the oracle covers steps, epochs and the linear probe")
                .containsKeys("train/loss@1", "train/lr@20", "train/images_per_s@20", "train/data_wait_share@7",
                        "train/embedding_std@12", "train/online_linear_top1@3", "epoch/knn_top1@10",
                        "epoch/knn_top1@20", "eval/linear_top1@20");
        Set<String> scalars = new TreeSet<>();
        for (JsonNode event : tb.events()) {
            if (event.has("value")) {
                String key = event.get("tag").asText() + "@" + event.get("step").asLong();
                scalars.add(key);
                assertThat(expected.get(key)).as(key + " is a value of metrics.jsonl at that step")
                        .contains((float) event.get("value").asDouble());
            }
        }
        assertThat(scalars).as("every scalar of metrics.jsonl, and only those")
                .containsExactlyInAnyOrderElementsOf(expected.keySet());

        List<JsonNode> images = tb.events().stream().filter(e -> e.has("image")).toList();
        assertThat(images).as("one image").hasSize(1);
        JsonNode image = images.get(0);
        assertThat(image.get("tag").asText()).isEqualTo(TensorBoardLog.PREVIEW);
        assertThat(image.get("step").asLong()).isZero();
        assertThat(image.get("file").asText()).as("written at the start").isEqualTo(tb.files().get(0));
        byte[] png = Base64.getDecoder().decode(image.get("image").get("png").asText());
        assertThat(png).as("the PNG the run wrote").isEqualTo(Files.readAllBytes(a.resolve("tb/preview.png")));
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(decoded.getHeight()).isEqualTo(image.get("image").get("height").asInt());
        assertThat(decoded.getWidth()).isEqualTo(image.get("image").get("width").asInt());
        assertThat(image.get("image").get("colorspace").asInt()).as("grey, as Fashion-MNIST")
                .isEqualTo(decoded.getRaster().getNumBands()).isEqualTo(1);
    }

    @Test
    void offWritesNoFolderAndAFolderThatCannotBeWrittenIsSaidOnceWhileTheRunFinishes() throws Exception {
        Path run = stoppedRun(dir, 2, "stopped after step 4", "--set", "log.tensorboard=false",
                "--set", "train.epochs=1", "--set", "eval.linear=false");
        assertThat(run.resolve("tb")).as("log.tensorboard: false").doesNotExist();
        Files.writeString(run.resolve("tb"), "a file where the folder would be");

        Distribution.Result resumed = Distribution.cli("run", "--resume", run.toString(),
                "--set", "log.tensorboard=true");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        String all = resumed.out() + resumed.err();
        assertThat(all.split("tensorboard: cannot write", -1)).as("said once: %s", all).hasSize(2);
        assertThat(all).contains("the run goes on without TensorBoard's files");
        assertThat(run.resolve("encoder.params")).as("the run finished").isRegularFile();
        assertThat(MetricsLog.last(MetricsLog.read(run.resolve("metrics.jsonl")), "epoch").get("epoch").asInt())
                .isEqualTo(1);
        assertThat(run.resolve("tb")).hasContent("a file where the folder would be");
    }

    /** A run of {@link #RUN} under {@code parent}, stopped by the fault hook after a checkpoint. */
    private static Path stoppedRun(Path parent, int stopAfter, String said, String... settings) throws IOException {
        Files.createDirectories(parent);
        Path runs = parent.resolve("runs");
        List<String> args = new ArrayList<>(List.of("run", Distribution.runFile(parent, RUN).toString(),
                "--runs-dir", runs.toString()));
        args.addAll(List.of(settings));
        Distribution.Result stopped = Distribution.cliWith(new StopAfterStep(stopAfter), args.toArray(String[]::new));
        assertThat(stopped.exitCode()).as(stopped.err()).isEqualTo(5);
        assertThat(stopped.err()).contains(said);
        return RunFolders.onlyRun(runs);
    }

    /**
     * {@code tag@step} to the float32 values {@code metrics.jsonl} holds for it (a step logged by two
     * processes may have two timings): a step record's numbers as {@code train/KEY} at its step, an
     * epoch's as {@code epoch/KEY} at the last step of the epoch, the final evaluation's as
     * {@code eval/KEY} at the last step.
     */
    static Map<String, Set<Float>> expectedScalars(Path metrics) throws IOException {
        List<JsonNode> records = MetricsLog.read(metrics);
        Map<Integer, Long> lastStepOfEpoch = new LinkedHashMap<>();
        long lastStep = 0;
        for (JsonNode record : records) {
            if (record.path("type").asText().equals("step")) {
                lastStepOfEpoch.merge(record.get("epoch").asInt(), record.get("step").asLong(), Math::max);
                lastStep = Math.max(lastStep, record.get("step").asLong());
            }
        }
        Map<String, Set<Float>> expected = new LinkedHashMap<>();
        for (JsonNode record : records) {
            String type = record.path("type").asText();
            long step = switch (type) {
                case "step" -> record.get("step").asLong();
                case "epoch" -> lastStepOfEpoch.get(record.get("epoch").asInt());
                case "eval" -> lastStep;
                default -> -1;
            };
            if (step < 0) {
                continue;
            }
            String prefix = type.equals("step") ? "train" : type;
            record.fields().forEachRemaining(field -> {
                if (field.getValue().isNumber() && !List.of("epoch", "step").contains(field.getKey())) {
                    expected.computeIfAbsent(prefix + "/" + field.getKey() + "@" + step, k -> new HashSet<>())
                            .add(field.getValue().floatValue());
                }
            });
        }
        return expected;
    }
}
