package dev.contrastive.runtime.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.contrastive.runtime.run.RunState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

/** The online probe's SGD step against its closed form, and its learning on separable features. */
class OnlineLinearProbeTest {

    private static final int CLASSES = 3;
    private static final int DIMS = 4;

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void firstStepIsMinusLrTimesTheCrossEntropyGradientOfAZeroClassifier() {
        float[] x = {1, 2, 0, -1, 0, 1, 3, 2, -2, 0, 1, 1, 0.5f, 0.5f, -1, 2};
        int[] labels = {2, 0, 1, 2};
        int n = labels.length;
        double runLr = 0.05;
        double probeLr = 0.2;
        OnlineLinearProbe probe = new OnlineLinearProbe(DIMS, CLASSES, probeLr, 0.1, manager);
        try (NDManager step = manager.newSubManager()) {
            double accuracy = probe.step(step.create(x, new Shape(n, DIMS)), step.create(labels), runLr);
            // all logits are 0 before the update: every row is predicted class 0, one of four is
            assertThat(accuracy).isEqualTo(0.25);
        }
        // zero weights: softmax is uniform, so dL/dW = Xᵀ(1/C − Y)/N; velocity = gradient on the first step
        double lr = probeLr / 0.1 * runLr;
        float[] weights = probe.state().get(RunState.ONLINE_PROBE + "weight").toFloatArray();
        float[] bias = probe.state().get(RunState.ONLINE_PROBE + "bias").toFloatArray();
        for (int c = 0; c < CLASSES; c++) {
            double biasGradient = 0;
            for (int i = 0; i < n; i++) {
                biasGradient += (1.0 / CLASSES - (labels[i] == c ? 1 : 0)) / n;
            }
            assertThat(bias[c]).as("bias %d", c).isCloseTo((float) (-lr * biasGradient), within(1e-6f));
            for (int d = 0; d < DIMS; d++) {
                double gradient = 0;
                for (int i = 0; i < n; i++) {
                    gradient += x[i * DIMS + d] * (1.0 / CLASSES - (labels[i] == c ? 1 : 0)) / n;
                }
                assertThat(weights[d * CLASSES + c]).as("weight %d,%d", d, c)
                        .isCloseTo((float) (-lr * gradient), within(1e-6f));
            }
        }
    }

    @Test
    void learnsSeparableClassesOnlineAndScoresHeldOutFeatures() {
        SplittableRandom random = new SplittableRandom(7);
        OnlineLinearProbe probe = new OnlineLinearProbe(DIMS, CLASSES, 0.1, 0.1, manager);
        double first = Double.NaN;
        double last = Double.NaN;
        for (int s = 0; s < 200; s++) {
            int[] labels = labels(32, random);
            try (NDManager step = manager.newSubManager()) {
                double accuracy = probe.step(features(labels, random, step), step.create(labels), 0.1);
                first = s == 0 ? accuracy : first;
                last = accuracy;
            }
        }
        int[] held = labels(600, random);
        try (NDManager test = manager.newSubManager()) {
            assertThat(probe.top1(features(held, random, test), held)).isGreaterThan(0.95);
        }
        assertThat(first).isLessThan(0.6);
        assertThat(last).isGreaterThan(0.9);
    }

    private static int[] labels(int n, SplittableRandom random) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(CLASSES);
        }
        return labels;
    }

    /** Class {@code c} lights feature {@code c} by 3, plus uniform noise in [0, 1) everywhere. */
    private static NDArray features(int[] labels, SplittableRandom random, NDManager manager) {
        float[] x = new float[labels.length * DIMS];
        for (int i = 0; i < labels.length; i++) {
            for (int d = 0; d < DIMS; d++) {
                x[i * DIMS + d] = (float) random.nextDouble() + (d == labels[i] ? 3 : 0);
            }
        }
        return manager.create(x, new Shape(labels.length, DIMS));
    }
}
