package dev.contrastive.strongaugment;

import dev.contrastive.api.Image;
import dev.contrastive.api.ImageTransform;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

/**
 * Single-thread throughput of the default stronger augmentation (no weak views) on 28x28 grey
 * images: Fashion-MNIST when {@code /usr/share/datasets/fashion-mnist} has it, else synthetic.
 * Not a test: run its {@code main} by hand; it prints images per second and asserts nothing.
 */
public final class StrongAugmentationBenchmark {

    private StrongAugmentationBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        List<Image> images = load(n);
        ImageTransform strong = StrongAugmentation.of(
                new StrongAugmentationConfig(null, null, null, null, null, null));
        SplittableRandom random = new SplittableRandom(0);
        long sink = 0;
        for (int round = 0; round < 10; round++) {
            long start = System.nanoTime();
            for (Image image : images) {
                sink += strong.apply(image, random).pixels()[400];
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("round %d: %.0f images/s (strong only, 28x28 grey, one thread)%n",
                    round, images.size() / seconds);
        }
        System.out.println("(checksum " + sink + ")");
    }

    private static List<Image> load(int n) throws IOException {
        Path idx = Paths.get("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");
        if (!Files.exists(idx)) {
            return IntStream.range(0, n)
                    .mapToObj(i -> StrongAugmentationTest.gradient(28, 28, 1)).toList();
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(idx));
                DataInputStream data = new DataInputStream(in)) {
            data.readInt();
            int count = Math.min(n, data.readInt());
            int rows = data.readInt();
            int cols = data.readInt();
            Image[] images = new Image[count];
            for (int i = 0; i < count; i++) {
                byte[] px = new byte[rows * cols];
                data.readFully(px);
                images[i] = Image.of(rows, cols, 1, px);
            }
            return List.of(images);
        }
    }
}
