package dev.contrastive.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrastive.runtime.DebianPython;
import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.RunFolders;
import dev.contrastive.runtime.config.DataConfig;
import dev.contrastive.runtime.config.ModelConfig;
import dev.contrastive.runtime.data.Datasets;
import dev.contrastive.runtime.data.ImageSet;
import dev.contrastive.runtime.data.ImageTensors;
import dev.contrastive.runtime.model.BackboneFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** {@code toolkit embed} on a tiny trained run: the .npy as numpy reads it, the names beside it, and refusals. */
class EmbedCommandTest {

    private static final int[] PICKED = {0, 42, 9999};

    /** Shape, dtype and the picked rows of a .npy, as numpy reads it. */
    private static final String READ = "import json, sys, numpy as np\n"
            + "a = np.load(sys.argv[1])\n"
            + "print(json.dumps({'dtype': str(a.dtype), 'shape': list(a.shape), 'rows': a[[0, 42, 9999]].tolist()}))";

    @TempDir
    static Path shared;

    private static Path run;

    @TempDir
    Path dir;

    /** One epoch of the tiny MoCo run (width 4, so 32 features), without the linear probe. */
    @BeforeAll
    static void train() throws IOException {
        run = RunFolders.trainTinyRun(shared, "eval.linear=false");
    }

    @Test
    void numpyReadsTheTestSplitsFeaturesInTheOrderOfTheNameList() throws Exception {
        Path out = dir.resolve("features.npy");

        Distribution.Result result = Distribution.cli("embed", run.toString(), "--dataset", "fashion-mnist",
                "--out", out.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("embedded 10000 images").contains("(encoder.params)");
        List<String> names = Files.readAllLines(dir.resolve("features.txt"));
        assertThat(names).hasSize(10000).startsWith("fashion-mnist/test/00000").contains("fashion-mnist/test/09999");
        assertThat(names.get(42)).isEqualTo("fashion-mnist/test/00042");

        JsonNode read = new ObjectMapper().readTree(DebianPython.run(dir, "-c", READ, out.toString()));
        assertThat(read.get("dtype").asText()).isEqualTo("float32");
        assertThat(read.get("shape").toString()).isEqualTo("[10000,32]");
        float[][] expected = featuresOf(PICKED);
        for (int r = 0; r < PICKED.length; r++) {
            JsonNode row = read.get("rows").get(r);
            for (int f = 0; f < 32; f++) {
                assertThat(row.get(f).asDouble()).as("image %d feature %d", PICKED[r], f)
                        .isCloseTo(expected[r][f], within(1e-5));
            }
        }
    }

    /** The same test images as PNG files embed to the same features, named by their paths. */
    @Test
    void aFolderOfImagesEmbedsLikeTheSameImagesFromTheDataSet() throws Exception {
        ImageSet test = fashionMnistTest();
        Path images = Files.createDirectories(dir.resolve("images/sub"));
        for (int picked : PICKED) {
            BufferedImage png = new BufferedImage(test.width(), test.height(), BufferedImage.TYPE_BYTE_GRAY);
            png.getRaster().setDataElements(0, 0, test.width(), test.height(), test.image(picked).pixels());
            ImageIO.write(png, "png", images.resolve(String.format("%05d.png", picked)).toFile());
        }
        Files.writeString(images.resolve("notes.txt"), "skipped");
        Path out = dir.resolve("folder.npy");

        Distribution.Result result = Distribution.cli("embed", run.toString(), "--images",
                dir.resolve("images").toString(), "--out", out.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("skipped 1 files that are not images (sub/notes.txt)");
        assertThat(Files.readAllLines(dir.resolve("folder.txt")))
                .containsExactly("sub/00000.png", "sub/00042.png", "sub/09999.png");
        JsonNode read = new ObjectMapper().readTree(DebianPython.run(dir, "-c", "import json, sys, numpy as np\n"
                + "a = np.load(sys.argv[1])\nprint(json.dumps({'shape': list(a.shape), 'rows': a.tolist()}))",
                out.toString()));
        assertThat(read.get("shape").toString()).isEqualTo("[3,32]");
        float[][] expected = featuresOf(PICKED);
        for (int r = 0; r < PICKED.length; r++) {
            for (int f = 0; f < 32; f++) {
                assertThat(read.get("rows").get(r).get(f).asDouble()).isCloseTo(expected[r][f], within(1e-5));
            }
        }
    }

    private static ImageSet fashionMnistTest() {
        return Datasets.load(new DataConfig("fashion-mnist", null, null, null, null, null, null, null, null, null,
                null)).evalTest();
    }

    @Test
    void usageMistakesExit2() {
        assertUsageError(List.of("embed", run.toString(), "--out", "f.npy"), "--dataset");
        assertUsageError(List.of("embed", run.toString(), "--dataset", "fashion-mnist"), "--out");
        assertUsageError(List.of("embed", run.toString(), "--dataset", "imagenet", "--out", "f.npy"), "imagenet");
        assertUsageError(List.of("embed", run.toString(), "--dataset", "fashion-mnist", "--split", "val", "--out",
                "f.npy"), "train, test");
    }

    private static void assertUsageError(List<String> args, String named) {
        Distribution.Result result = Distribution.cli(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains(named).doesNotContain("Exception");
    }

    /**
     * The backbone of the run's {@code encoder.params} on the picked test images, normalised as
     * Fashion-MNIST is: what embed must have written for them.
     */
    private static float[][] featuresOf(int[] picked) {
        ImageSet test = fashionMnistTest();
        ImageTensors tensors = new ImageTensors(new float[] {0.286f}, new float[] {0.353f});
        int plane = test.channels() * test.height() * test.width();
        try (NDManager manager = NDManager.newBaseManager()) {
            Block backbone = BackboneFiles.readDjl(run.resolve("encoder.params"),
                    new ModelConfig(null, 4, null, null, null, null), 28, manager);
            float[] pixels = new float[picked.length * plane];
            for (int i = 0; i < picked.length; i++) {
                tensors.write(test.image(picked[i]), pixels, i * plane);
            }
            NDArray features = backbone.forward(new ParameterStore(manager, false), new NDList(manager.create(pixels,
                    new Shape(picked.length, test.channels(), test.height(), test.width()))), false).singletonOrThrow();
            float[][] rows = new float[picked.length][];
            for (int i = 0; i < picked.length; i++) {
                rows[i] = features.get(i).toFloatArray();
            }
            return rows;
        }
    }
}
