package dev.contrastive.runtime.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import dev.contrastive.inference.EmbeddingTranslatorFactory;
import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.RunFolders;
import dev.contrastive.runtime.StopAfterStep;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * A finished run folder opened with DJL's Criteria (module toolkit-inference) against the oracle
 * {@code toolkit embed}: a plain Java program with only toolkit-inference, its dependencies and
 * the PyTorch engine on its class path gives the vectors {@code toolkit embed} writes, to 1e-5;
 * {@code toolkit export --format djl-zoo} makes a folder that gives them too; an unfinished, a
 * damaged and a newer-format folder are DJL's MalformedModelException naming the folder and what
 * is wrong.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DjlZooTest {

    private static final double TOLERANCE = 1e-5;

    @TempDir
    static Path shared;

    private static Path run;
    private static List<Path> images;
    private static float[][] embedded;

    @TempDir
    Path dir;

    /** A finished tiny run, six grey 28 px PNGs, and their features as {@code toolkit embed} writes them. */
    @BeforeAll
    static void trainAndEmbed() throws IOException {
        run = RunFolders.trainTinyRun(shared, "eval.linear=false");
        Path folder = Files.createDirectories(shared.resolve("images"));
        Random random = new Random(7);
        images = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            BufferedImage png = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    png.getRaster().setSample(x, y, 0, (x * y * (i + 1) + random.nextInt(64)) & 0xFF);
                }
            }
            Path file = folder.resolve("img" + i + ".png");
            ImageIO.write(png, "png", file.toFile());
            images.add(file);
        }
        Path npy = shared.resolve("features.npy");
        Distribution.Result result = Distribution.cli("embed", run.toString(), "--images", folder.toString(),
                "--out", npy.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(Files.readAllLines(shared.resolve("features.txt")))
                .containsExactly("img0.png", "img1.png", "img2.png", "img3.png", "img4.png", "img5.png");
        embedded = readNpy(npy);
    }

    @Test
    void aJavaProgramWithOnlyToolkitInferenceGivesTheVectorsOfToolkitEmbed() throws Exception {
        float[][] features = program(run, "features");
        assertClose(features, embedded);
        float[][] normalized = program(run, "normalized");
        assertThat(normalized.length).isEqualTo(embedded.length);
        for (float[] vector : normalized) {
            assertThat(vector).as("head_dim of the tiny run").hasSize(32);
            double norm = 0;
            for (float v : vector) {
                norm += v * v;
            }
            assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
        assertThat(normalized[0]).isNotEqualTo(Arrays.copyOf(features[0], 32));
    }

    /**
     * A run whose objective built its own head (DINO's: two GELU layers, then an L2-normalised
     * bottleneck) describes that head in {@code serving.properties}, and Criteria's normalized
     * vectors are what the runtime's own online encoder, restored from the run's checkpoint, makes
     * of {@code toolkit embed}'s features.
     */
    @Test
    void aRunWithAHeadOfItsOwnGivesThatHeadsVectors() throws Exception {
        Path runs = dir.resolve("runs");
        String runFile = Distribution.TINY_RUN.replace("objective: moco\n", "objective: dino\n")
                .replace("moco:\n  queue: 64\n", "dino:\n  prototypes: 16\n  head_batch_norm: false\n");
        Distribution.Result trained = Distribution.cli("run", Distribution.runFile(dir, runFile).toString(),
                "--runs-dir", runs.toString(), "--set", "train.epochs=1", "--set", "eval.linear=false");
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        Path dino = RunFolders.onlyRun(runs);
        assertThat(Files.readString(dino.resolve("serving.properties")))
                .contains("toolkit.head=linear\\:64\\:none\\:gelu\\:true,linear\\:64\\:none\\:gelu\\:true,"
                        + "bottleneck\\:32\\:none\\:none\\:true");
        Path npy = dir.resolve("dino.npy");
        Distribution.Result embed = Distribution.cli("embed", dino.toString(), "--images",
                images.get(0).getParent().toString(), "--out", npy.toString());
        assertThat(embed.exitCode()).as(embed.err()).isZero();
        assertClose(predict(dino, "normalized"), RuntimeHead.of(dino, readNpy(npy)));
    }

    /**
     * A ViT run's folder names its sizes ({@code toolkit.vit.*}); Criteria rebuilds the ViT and
     * gives {@code toolkit embed}'s features (the class token) and the runtime head's vectors of them.
     */
    @Test
    void aVitRunGivesTheVectorsOfToolkitEmbed() throws Exception {
        Path runs = dir.resolve("runs");
        String runFile = Distribution.TINY_RUN.replace("model:\n  width: 4\n", "model:\n  backbone: vit\n"
                + "  width: 16\n  vit: {patch_size: 7, depth: 1, heads: 2, mlp_ratio: 2}\n");
        Distribution.Result trained = Distribution.cli("run", Distribution.runFile(dir, runFile).toString(),
                "--runs-dir", runs.toString(), "--set", "train.epochs=1", "--set", "eval.linear=false");
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        Path vit = RunFolders.onlyRun(runs);
        assertThat(Files.readString(vit.resolve("serving.properties"))).contains("toolkit.backbone=vit")
                .contains("toolkit.vit.patch_size=7").contains("toolkit.vit.depth=1").contains("toolkit.vit.heads=2");
        Path npy = dir.resolve("vit.npy");
        Distribution.Result embed = Distribution.cli("embed", vit.toString(), "--images",
                images.get(0).getParent().toString(), "--out", npy.toString());
        assertThat(embed.exitCode()).as(embed.err()).isZero();
        float[][] features = readNpy(npy);
        assertThat(features[0]).as("the class token: the width").hasSize(16);
        assertClose(predict(vit, "features"), features);
        assertClose(predict(vit, "normalized"), RuntimeHead.of(vit, features));
    }

    @Test
    void anOlderRunExportedAsADjlZooFolderGivesTheSameVectors() throws Exception {
        Path older = RunFolders.copy(run, dir.resolve("older"));
        Files.delete(older.resolve("serving.properties"));
        Files.delete(older.resolve("head.params"));
        Path zoo = dir.resolve("zoo");
        Distribution.Result result = Distribution.cli("export", older.toString(), "--format", "djl-zoo",
                "--out", zoo.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("as a DJL model folder: " + zoo);
        assertClose(predict(zoo, "features"), embedded);
        assertClose(predict(zoo, "normalized"), predict(run, "normalized"));
    }

    @Test
    void anUnfinishedRunIsMalformedNamingTheFolder() throws Exception {
        Path runs = dir.resolve("runs");
        Distribution.Result stopped = Distribution.cliWith(new StopAfterStep(2), "run",
                Distribution.runFile(dir, Distribution.TINY_RUN).toString(), "--runs-dir", runs.toString(), "--set",
                "train.checkpoint_every_steps=2");
        assertThat(stopped.exitCode()).as(stopped.err()).isEqualTo(5);
        Path unfinished = RunFolders.onlyRun(runs);
        assertThatThrownBy(() -> predict(unfinished, "features")).isInstanceOf(MalformedModelException.class)
                .hasMessageContaining(unfinished + " is an unfinished run").hasMessageContaining("encoder.params");
    }

    @Test
    void aDamagedOrNewerFormatFolderIsMalformedNamingTheFolder() throws Exception {
        Path damaged = RunFolders.copy(run, dir.resolve("damaged"));
        byte[] params = Files.readAllBytes(damaged.resolve("encoder.params"));
        Files.write(damaged.resolve("encoder.params"), Arrays.copyOf(params, params.length / 2));
        assertThatThrownBy(() -> predict(damaged, "features")).isInstanceOf(MalformedModelException.class)
                .hasMessageContaining(damaged.resolve("encoder.params") + " is damaged");

        Path newer = RunFolders.copy(run, dir.resolve("newer"));
        Path properties = newer.resolve("serving.properties");
        Files.writeString(properties, Files.readString(properties, StandardCharsets.ISO_8859_1)
                .replace("toolkit.format=1", "toolkit.format=2"), StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> predict(newer, "features")).isInstanceOf(MalformedModelException.class)
                .hasMessageContaining(newer + " is in the toolkit's model-zoo format 2");

        assertThatThrownBy(() -> predict(run, "logits")).isInstanceOf(MalformedModelException.class)
                .hasMessageContaining("embedding").hasMessageContaining("features, normalized");
    }

    /** The vectors of {@link #images} through Criteria in this JVM. */
    private static float[][] predict(Path folder, String embedding) throws Exception {
        Criteria<Image, float[]> criteria = Criteria.builder().setTypes(Image.class, float[].class)
                .optModelPath(folder).optEngine("PyTorch").optTranslatorFactory(new EmbeddingTranslatorFactory())
                .optArgument("embedding", embedding).build();
        try (ZooModel<Image, float[]> model = criteria.loadModel();
             Predictor<Image, float[]> predictor = model.newPredictor()) {
            float[][] out = new float[images.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = predictor.predict(ImageFactory.getInstance().fromFile(images.get(i)));
            }
            return out;
        }
    }

    /**
     * The vectors of {@link #images} from {@code EmbedWithDjl.java} (test resources), run as a
     * source-file program by a fresh {@code java} whose class path is toolkit-inference's JAR, the
     * runtime class path Maven wrote for it, and DJL's PyTorch engine JARs: nothing of the runtime.
     */
    private static float[][] program(Path folder, String embedding) throws Exception {
        Path root = Path.of(System.getProperty("toolkit.root", ".."));
        Path target = root.resolve("toolkit-inference/target");
        List<String> classPath = new ArrayList<>();
        classPath.add(target.resolve("toolkit-inference-" + Distribution.VERSION + ".jar").toString());
        classPath.addAll(Arrays.asList(Files.readString(target.resolve("runtime-classpath.txt")).trim()
                .split(File.pathSeparator)));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("/ai/djl/pytorch/")) {
                classPath.add(entry);
            }
        }
        assertThat(classPath).as("nothing of the runtime").noneMatch(e -> e.contains("toolkit-runtime"))
                .anyMatch(e -> e.contains("pytorch-engine")).anyMatch(e -> e.contains("toolkit-api"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dai.djl.offline=true", "-cp", String.join(File.pathSeparator, classPath),
                resource("/inference/EmbedWithDjl.java").toString(), folder.toString(), embedding));
        images.forEach(image -> command.add(image.toString()));
        Path err = Files.createTempFile("program", ".err");
        Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("the program's errors: %s", Files.readString(err)).isZero();
        List<String> lines = out.lines().toList();
        float[][] vectors = new float[lines.size()][];
        for (int i = 0; i < vectors.length; i++) {
            String[] numbers = lines.get(i).split(" ");
            vectors[i] = new float[numbers.length];
            for (int j = 0; j < numbers.length; j++) {
                vectors[i][j] = Float.parseFloat(numbers[j]);
            }
        }
        return vectors;
    }

    private static void assertClose(float[][] actual, float[][] expected) {
        assertThat(actual.length).isEqualTo(expected.length);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).hasSameSizeAs(expected[i]);
            for (int j = 0; j < expected[i].length; j++) {
                worst = Math.max(worst, Math.abs(actual[i][j] - expected[i][j]));
            }
        }
        System.out.println("DjlZooTest: largest difference " + worst);
        assertThat(worst).isLessThanOrEqualTo(TOLERANCE);
    }

    /** An N × F float32 matrix of numpy's .npy format, version 1. */
    private static float[][] readNpy(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int headerLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertThat(header).contains("'descr': '<f4'").contains("'fortran_order': False");
        Matcher shape = Pattern.compile("'shape': \\((\\d+), (\\d+)\\)").matcher(header);
        assertThat(shape.find()).as(header).isTrue();
        int rows = Integer.parseInt(shape.group(1));
        int columns = Integer.parseInt(shape.group(2));
        ByteBuffer data = ByteBuffer.wrap(bytes, 10 + headerLength, rows * columns * 4).order(ByteOrder.LITTLE_ENDIAN);
        float[][] out = new float[rows][columns];
        for (float[] row : out) {
            for (int j = 0; j < columns; j++) {
                row[j] = data.getFloat();
            }
        }
        return out;
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(DjlZooTest.class.getResource(name).toURI());
    }
}
