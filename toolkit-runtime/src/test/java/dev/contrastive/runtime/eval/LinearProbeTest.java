package dev.contrastive.runtime.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.contrastive.api.Encoder;
import dev.contrastive.runtime.data.ImageSet;
import dev.contrastive.runtime.data.ImageTensors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/** The linear probe on synthetic features whose answer is known. */
class LinearProbeTest {

    private static final int CLASSES = 10;
    private static final int DIMS = 32;

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    /** Features of {@code labels}: a class mean {@code separation} away per axis, plus unit noise. */
    private static LinearProbe.Features features(int[] labels, double separation, SplittableRandom random) {
        return new LinearProbe.Features(values(labels, separation, random), DIMS, labels);
    }

    private static float[] values(int[] labels, double separation, SplittableRandom random) {
        SplittableRandom means = new SplittableRandom(42);
        float[][] centre = new float[CLASSES][DIMS];
        for (float[] row : centre) {
            for (int d = 0; d < DIMS; d++) {
                row[d] = (float) (separation * means.nextDouble(-1, 1));
            }
        }
        float[] data = new float[labels.length * DIMS];
        for (int i = 0; i < labels.length; i++) {
            for (int d = 0; d < DIMS; d++) {
                data[i * DIMS + d] = centre[labels[i]][d] + (float) gaussian(random);
            }
        }
        return data;
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static int[] labels(int n, SplittableRandom random) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(CLASSES);
        }
        return labels;
    }

    @Test
    void separableClassesAreAlmostAllRight() {
        SplittableRandom random = new SplittableRandom(1);
        LinearProbe.Features train = features(labels(3000, random), 3, random);
        LinearProbe.Features test = features(labels(1000, random), 3, random);
        LinearProbeResult result = new LinearProbe(0).fit(train, test, CLASSES);
        assertThat(result.top1()).isGreaterThan(0.95);
        assertThat(result.top5()).isGreaterThanOrEqualTo(result.top1());
        assertThat(result.l2()).isIn(LinearProbe.L2_GRID);
        assertThat(result.heldOutTop1()).containsOnlyKeys(LinearProbe.L2_GRID);
        assertThat(result.heldOutTop1().get(result.l2())).isEqualTo(Collections.max(result.heldOutTop1().values()));
        assertThat(result.trainImages()).isEqualTo(3000);
    }

    @Test
    void overlappingClassesScoreBetweenChanceAndPerfectWithTopFiveAboveTopOne() {
        SplittableRandom random = new SplittableRandom(2);
        LinearProbe.Features train = features(labels(2000, random), 0.5, random);
        LinearProbe.Features test = features(labels(1000, random), 0.5, random);
        LinearProbeResult result = new LinearProbe(0).fit(train, test, CLASSES);
        assertThat(result.top1()).isBetween(0.3, 0.95);
        assertThat(result.top5()).isGreaterThan(result.top1() + 0.1);
    }

    @Test
    void randomLabelsGiveChance() {
        SplittableRandom random = new SplittableRandom(3);
        // features drawn for other labels than the probe sees: nothing links them
        LinearProbe.Features train = new LinearProbe.Features(values(labels(3000, random), 3, random), DIMS,
                labels(3000, random));
        LinearProbe.Features test = new LinearProbe.Features(values(labels(3000, random), 3, random), DIMS,
                labels(3000, random));
        LinearProbeResult result = new LinearProbe(0).fit(train, test, CLASSES);
        assertThat(result.top1()).isCloseTo(0.1, within(0.03));
        assertThat(result.top5()).isCloseTo(0.5, within(0.05));
    }

    @Test
    void theChoiceOfL2IsMadeOnTheTrainSplitAloneAndIsReproducible() {
        SplittableRandom random = new SplittableRandom(4);
        LinearProbe.Features train = features(labels(1500, random), 0.4, random);
        int[] testLabels = labels(500, random);
        float[] testValues = values(testLabels, 0.4, random);
        LinearProbe.Features test = new LinearProbe.Features(testValues, DIMS, testLabels);
        LinearProbe.Features relabelled = new LinearProbe.Features(testValues, DIMS, labels(500, random));

        LinearProbeResult result = new LinearProbe(7).fit(train, test, CLASSES);
        LinearProbeResult again = new LinearProbe(7).fit(train, test, CLASSES);
        LinearProbeResult other = new LinearProbe(7).fit(train, relabelled, CLASSES);
        assertThat(again).usingRecursiveComparison().ignoringFields("seconds").isEqualTo(result);
        assertThat(other.heldOutTop1()).isEqualTo(result.heldOutTop1());
        assertThat(other.l2()).isEqualTo(result.l2());
        assertThat(other.top1()).as("test labels score the final classifier").isNotEqualTo(result.top1());
        assertThat(new LinearProbe(8).fit(train, test, CLASSES).heldOutTop1())
                .as("another seed holds out another tenth").isNotEqualTo(result.heldOutTop1());
    }

    @Test
    void evaluateExtractsFeaturesOnceAndLeavesNoArraysBehind() {
        SplittableRandom random = new SplittableRandom(5);
        ImageSet train = images(600, random);
        ImageSet test = images(200, random);
        Set<NDArray> before = Collections.newSetFromMap(new IdentityHashMap<>());
        before.addAll(manager.getManagedArrays());
        int[] calls = new int[1];
        Encoder pixels = new PixelEncoder(calls);
        LinearProbeResult result = new LinearProbe(0, List.of(0.0, 1e-3)).evaluate(pixels, train, test,
                new ImageTensors(new float[] {0.5f}, new float[] {0.25f}), manager);
        List<String> leaked = manager.getManagedArrays().stream().filter(a -> !before.contains(a))
                .map(a -> a.getShape() + " " + a.getDataType()).toList();
        assertThat(leaked).as("arrays left behind by the probe").isEmpty();
        assertThat(calls[0]).as("one backbone pass per 1000-image chunk of each split").isEqualTo(2);
        assertThat(result.top1()).isGreaterThan(0.9);
        assertThat(result.trainImages()).isEqualTo(600);
        assertThat(result.heldOutTop1()).containsOnlyKeys(0.0, 1e-3);
    }

    /** 4 × 4 grey images whose class sets the brightness of one pixel of its own, plus noise. */
    private static ImageSet images(int n, SplittableRandom random) {
        byte[] pixels = new byte[n * 16];
        int[] labels = labels(n, random);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < 16; p++) {
                pixels[i * 16 + p] = (byte) (random.nextInt(60) + (p == labels[i] ? 150 : 0));
            }
        }
        return new ImageSet(n, 4, 4, 1, pixels, labels);
    }

    /** A backbone that returns the pixels as features. */
    private record PixelEncoder(int[] calls) implements Encoder {
        @Override
        public NDArray features(NDArray images) {
            calls[0]++;
            return images.reshape(images.getShape().get(0), -1).mul(1);
        }

        @Override
        public Encoding encode(NDArray images, boolean training) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int embeddingSize() {
            return 16;
        }

        @Override
        public int featureSize() {
            return 16;
        }

        @Override
        public List<Parameter> trainableParameters() {
            return List.of();
        }

        @Override
        public void copyFrom(Encoder source) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void followEma(Encoder source, double momentum) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, NDArray> state() {
            return Map.of();
        }
    }
}
