package dev.contrastive.runtime.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive.runtime.run.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** report.md and its plots from a hand-written config.yaml and metrics.jsonl. */
class RunReportTest {

    private static final String CONFIG = """
            # Resolved configuration written by contrastive toolkit 0.1.0
            # from examples/moco+clsa.yaml
            ---
            name: "clsa-small"
            seed: 7
            objective: "moco+clsa"
            data:
              dataset: "fashion-mnist"
              limit: 640
            model:
              backbone: "resnet18"
              width: 8
              stem: "cifar"
            train:
              epochs: 3
              batch_size: 64
              lr: 0.03
            """;

    @TempDir
    Path dir;

    private static String step(int epoch, int step, double loss, double lr, double rate) {
        return String.format(java.util.Locale.ROOT, "{\"type\":\"step\",\"epoch\":%d,\"step\":%d,\"loss\":%s,"
                + "\"L_C\":%s,\"L_D\":%s,\"lr\":%s,\"images_per_s\":%s,\"data_wait_share\":0.01}", epoch, step, loss,
                loss * 0.7, loss * 0.3, lr, rate);
    }

    @Test
    void summarisesConfigFinalMetricsEvaluationsTimeAndDrawsBothPlots() throws IOException {
        Files.writeString(dir.resolve("config.yaml"), CONFIG);
        String metrics = String.join("\n",
                step(1, 1, 5.0, 0.03, 100), step(1, 2, 4.5, 0.025, 110),
                "{\"type\":\"epoch\",\"epoch\":1,\"loss\":4.75,\"epoch_s\":10.0,\"knn_top1\":0.5,"
                        + "\"knn_strong_top1\":0.3}",
                step(2, 3, 4.0, 0.02, 120),
                // the run crashed here and resumed from epoch 1: epoch 2 is logged again
                step(2, 3, 4.1, 0.02, 90), step(2, 4, 3.9, 0.01, 95),
                "{\"type\":\"epoch\",\"epoch\":2,\"loss\":4.0,\"online_linear_top1\":0.25,\"epoch_s\":12.5,"
                        + "\"knn_top1\":0.6,\"knn_strong_top1\":0.4,\"online_linear_test_top1\":0.35,\"knn_s\":3.5}",
                "{\"type\":\"eval\",\"checkpoint\":\"init\",\"epoch\":0,\"linear_top1\":0.5}",
                "{\"type\":\"eval\",\"checkpoint\":\"checkpoints/last.ckpt\",\"epoch\":2,\"knn_top1\":0.6,"
                        + "\"linear_top1\":0.7123,\"linear_top5\":0.95,\"linear_l2\":1.0E-4,"
                        + "\"linear_train_images\":640}",
                "{\"type\":\"step\",\"epoch\":3,\"st") + "\n";
        Files.writeString(dir.resolve("metrics.jsonl"), metrics);

        Path report = RunReport.write(new RunDirectory(dir));

        String md = Files.readString(report);
        assertThat(md).startsWith("# Run report: clsa-small")
                .contains("| objective | moco+clsa |")
                .contains("| backbone | resnet18, width 8, cifar stem |")
                .contains("| data | fashion-mnist, first 640 train images |")
                .contains("| epochs | 3 |").contains("| batch size | 64 |").contains("| learning rate | 0.03 |")
                .contains("| seed | 7 |")
                .contains("Last epoch (2 of 3)").contains("| knn_top1 | 60.00% |")
                .contains("| knn_strong_top1 | 40.00% |")
                .contains("| online_linear_top1 | 25.00% |").contains("| online_linear_test_top1 | 35.00% |")
                .contains("| encoder | epoch | knn_top1 | linear_top1 | linear_top5 | linear_l2 |")
                .contains("| init | 0 | - | 50.00% | - | - |")
                .contains("| checkpoints/last.ckpt | 2 | 60.00% | 71.23% | 95.00% | 0.0001 |")
                .contains("| training | 22.5 s over 2 epochs").contains("| kNN monitor | 3.5 s")
                .contains("95.0 images/s (last logged step, 4)")
                .contains("![Loss terms and learning rate per step](loss.png)")
                .contains("![Accuracy per epoch](accuracy.png)");
        assertThat(md.indexOf("| init |")).as("evaluations oldest first")
                .isLessThan(md.indexOf("| checkpoints/last.ckpt |"));
        assertPng(dir.resolve("loss.png"));
        assertPng(dir.resolve("accuracy.png"));
        assertThat(Files.readString(dir.resolve("metrics.jsonl"))).as("the log is only read").isEqualTo(metrics);
    }

    @Test
    void aRunWithoutRecordsGetsAReportWithoutPlots() throws IOException {
        Files.writeString(dir.resolve("config.yaml"), CONFIG);
        Path report = RunReport.write(new RunDirectory(dir));
        assertThat(Files.readString(report)).contains("No epoch has finished yet")
                .contains("No step or epoch records").doesNotContain("png");
        assertThat(dir.resolve("loss.png")).doesNotExist();
        assertThat(dir.resolve("accuracy.png")).doesNotExist();
    }

    private static void assertPng(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as(file + " is a PNG").isNotNull();
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isEqualTo(500);
    }
}
