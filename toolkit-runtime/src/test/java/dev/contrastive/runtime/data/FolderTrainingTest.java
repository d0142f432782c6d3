package dev.contrastive.runtime.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.RunFolders;
import dev.contrastive.runtime.run.MetricsLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Training on a folder of PNG files against training on the same images from IDX files: a few
 * hundred Fashion-MNIST images written both ways, in the same order, train the same encoder.
 */
class FolderTrainingTest {

    private static final Path FASHION = KnownDataset.named("fashion-mnist").debianFolder();
    private static final int TRAIN = 320;
    private static final int TEST = 200;

    @TempDir
    Path dir;

    private ImageSet train;
    private ImageSet test;

    @BeforeEach
    void readFashionMnist() {
        train = IdxReader.readSplit(FASHION.resolve("train-images-idx3-ubyte.gz"),
                FASHION.resolve("train-labels-idx1-ubyte.gz"), 10).first(TRAIN);
        test = IdxReader.readSplit(FASHION.resolve("t10k-images-idx3-ubyte.gz"),
                FASHION.resolve("t10k-labels-idx1-ubyte.gz"), 10).first(TEST);
    }

    @Test
    void aClassFolderOfPngsTrainsLikeTheSameImagesFromIdx() throws IOException {
        List<Integer> trainOrder = writeClassFolders(train, dir.resolve("png/train"));
        List<Integer> testOrder = writeClassFolders(test, dir.resolve("png/test"));
        Path idx = Files.createDirectories(dir.resolve("idx"));
        writeIdx(train, trainOrder, idx.resolve("train-images-idx3-ubyte"), idx.resolve("train-labels-idx1-ubyte"));
        writeIdx(test, testOrder, idx.resolve("t10k-images-idx3-ubyte"), idx.resolve("t10k-labels-idx1-ubyte"));

        double fromIdx = knnTop1(train("idx", "  dataset: fashion-mnist\n  root: " + idx + "\n"));
        double fromFolder = knnTop1(train("folder", "  dataset: folder\n  root: " + dir.resolve("png/train")
                + "\n  image_size: 28\n  mean: [0.286]\n  std: [0.353]\n  eval:\n    train: "
                + dir.resolve("png/train") + "\n    test: " + dir.resolve("png/test") + "\n"));
        assertThat(fromIdx).isBetween(0.3, 1.0);
        assertThat(fromFolder).isCloseTo(fromIdx, org.assertj.core.data.Offset.offset(0.005));
    }

    @Test
    void aFlatFolderTrainsWithTheMonitorsSkippedAndSaysWhy() throws IOException {
        Path flat = Files.createDirectories(dir.resolve("flat"));
        for (int i = 0; i < 128; i++) {
            ImageIO.write(grey(train, i), "png", flat.resolve(String.format("%04d.png", i)).toFile());
        }
        Files.writeString(flat.resolve("README.txt"), "not an image");
        Path runs = dir.resolve("runs-flat");
        Distribution.Result result = Distribution.cli("run", Distribution.runFile(dir, config("flat",
                "  dataset: folder\n  root: " + flat + "\n")).toString(), "--runs-dir", runs.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("data: " + flat + ": 128 images (no class subfolders), 64 x 64 grey, kept in memory")
                .contains("skipped 1 files that are not images (README.txt)")
                .contains("evaluation skipped: a folder of images has no labelled evaluation images")
                .contains("done: no kNN (no evaluation data) after 1 epochs");
        Path run = RunFolders.onlyRun(runs);
        assertThat(run.resolve("encoder.params")).isRegularFile();
        JsonNode epoch = MetricsLog.last(MetricsLog.read(run.resolve("metrics.jsonl")), "epoch");
        assertThat(epoch.has("loss")).isTrue();
        assertThat(epoch.has("knn_top1")).isFalse();
        assertThat(epoch.has("online_linear_top1")).isFalse();
    }

    private Path train(String name, String data) throws IOException {
        Path runs = dir.resolve("runs-" + name);
        Distribution.Result result = Distribution.cli("run", Distribution.runFile(dir, config(name, data)).toString(),
                "--runs-dir", runs.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        return RunFolders.onlyRun(runs);
    }

    private static String config(String name, String data) {
        return "name: " + name + "\nseed: 3\nobjective: moco\ndata:\n" + data
                + "model:\n  width: 4\n  head_hidden: 64\n  head_dim: 32\n"
                + "train:\n  epochs: 1\n  batch_size: 64\n  lr: 0.1\n  threads: 1\n"
                + "knn:\n  k: 20\nmoco:\n  queue: 64\neval:\n  linear: false\n";
    }

    private static double knnTop1(Path run) throws IOException {
        return MetricsLog.last(MetricsLog.read(run.resolve("metrics.jsonl")), "epoch").get("knn_top1").asDouble();
    }

    /** Writes {@code CLASS/NNNNN.png} files; returns the image indices in the order of their paths. */
    private static List<Integer> writeClassFolders(ImageSet images, Path root) throws IOException {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < images.count(); i++) {
            String path = images.label(i) + "/" + String.format("%05d.png", i);
            Files.createDirectories(root.resolve(path).getParent());
            ImageIO.write(grey(images, i), "png", root.resolve(path).toFile());
            paths.add(path);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < images.count(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(paths::get));
        return order;
    }

    private static void writeIdx(ImageSet images, List<Integer> order, Path imageFile, Path labelFile)
            throws IOException {
        int size = images.height() * images.width();
        byte[] pixels = new byte[order.size() * size];
        byte[] labels = new byte[order.size()];
        for (int k = 0; k < order.size(); k++) {
            System.arraycopy(images.image(order.get(k)).pixels(), 0, pixels, k * size, size);
            labels[k] = (byte) images.label(order.get(k));
        }
        IdxReaderTest.write(imageFile, IdxReaderTest.idx(new int[] {order.size(), images.height(), images.width()},
                pixels), false);
        IdxReaderTest.write(labelFile, IdxReaderTest.idx(new int[] {order.size()}, labels), false);
    }

    private static BufferedImage grey(ImageSet images, int i) {
        BufferedImage image = new BufferedImage(images.width(), images.height(), BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, images.width(), images.height(), images.image(i).pixels());
        return image;
    }
}
