package dev.contrastive.runtime.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.contrastive.api.Encoder;
import dev.contrastive.runtime.data.ImageSet;
import dev.contrastive.runtime.data.ImageTensors;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The linear evaluation protocol: the backbone is frozen, its features of the train and test
 * split are extracted once (centre view: the image itself), standardised with the train split's
 * statistics, and a multinomial logistic regression is trained on them by mini-batch SGD with
 * momentum and a cosine schedule over a fixed budget of epochs. The L2 strength is chosen on a
 * fixed, seeded tenth of the train split held out for the purpose; the classifier is then
 * retrained on the whole train split with that strength and scored on the test split, which plays
 * no part in any choice.
 *
 * <p>Features are extracted with the engine; the classifier trains on the host. A 64 × 10 layer
 * is too small for native calls to pay off: on two busy cores a single native mini-batch matMul
 * took 0.7 to 12 ms, while a whole epoch over 60000 cached features takes tens of milliseconds
 * here, deterministically.
 */
public final class LinearProbe {

    /** The L2 strengths tried by default. */
    public static final List<Double> L2_GRID = List.of(0.0, 1e-5, 1e-4, 1e-3);

    /** Share of the train split held out for choosing the L2 strength. */
    public static final double HELD_OUT = 0.1;

    private static final int EPOCHS = 25;
    private static final int MIN_STEPS = 300;
    private static final int BATCH = 256;
    private static final double LR = 0.1;
    private static final double MOMENTUM = 0.9;

    private final long seed;
    private final List<Double> grid;

    /** The standard protocol with the default grid, its split and batch order drawn from {@code seed}. */
    public LinearProbe(long seed) {
        this(seed, L2_GRID);
    }

    /**
     * @param seed draws the held-out part and the batch order
     * @param grid L2 strengths to choose from, each >= 0
     */
    public LinearProbe(long seed, List<Double> grid) {
        if (grid.isEmpty() || grid.stream().anyMatch(l2 -> !(l2 >= 0))) {
            throw new IllegalArgumentException("need a non-empty grid of L2 strengths >= 0, got " + grid);
        }
        this.seed = seed;
        this.grid = List.copyOf(grid);
    }

    /**
     * Labelled features of one split, row-major.
     *
     * @param values {@code rows × dims} features
     * @param dims features per row
     * @param labels class of each row
     */
    public record Features(float[] values, int dims, int[] labels) {

        /** Checks the shape. */
        public Features {
            if (dims < 1 || values.length != (long) dims * labels.length) {
                throw new IllegalArgumentException(values.length + " values are not " + labels.length + " rows of "
                        + dims + " features");
            }
        }

        /** Copies {@code array}'s values ({@code rows × dims}). */
        public static Features of(NDArray array, int[] labels) {
            return new Features(array.toFloatArray(), (int) array.getShape().get(1), labels);
        }

        int rows() {
            return labels.length;
        }

        Features select(int[] rows) {
            float[] picked = new float[rows.length * dims];
            int[] labelsPicked = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(values, rows[i] * dims, picked, i * dims, dims);
                labelsPicked[i] = labels[rows[i]];
            }
            return new Features(picked, dims, labelsPicked);
        }
    }

    /**
     * Extracts features of both splits with {@code encoder}'s frozen backbone, then {@link #fit}s.
     *
     * @param tensors the data set's normalisation
     * @param parent the features live in a sub-manager of it while they are copied to the host
     */
    public LinearProbeResult evaluate(Encoder encoder, ImageSet train, ImageSet test, ImageTensors tensors,
            NDManager parent) {
        long start = System.nanoTime();
        FeatureExtractor extractor = new FeatureExtractor(tensors);
        Features trainFeatures;
        Features testFeatures;
        try (NDManager manager = parent.newSubManager()) {
            trainFeatures = Features.of(extractor.normalisedFeatures(encoder, train, manager), train.labels());
            testFeatures = Features.of(extractor.normalisedFeatures(encoder, test, manager), test.labels());
        }
        LinearProbeResult result = fit(trainFeatures, testFeatures, Math.max(train.classes(), test.classes()));
        return new LinearProbeResult(result.top1(), result.top5(), result.l2(), result.heldOutTop1(),
                result.trainImages(), (System.nanoTime() - start) / 1e9);
    }

    /**
     * Trains and scores the classifier on cached features.
     *
     * @param train features of the train split: standardisation, selection and the final fit
     * @param test features of the test split; only the final classifier is scored on them
     * @param classes number of classes; labels lie in {@code [0, classes)}
     */
    public LinearProbeResult fit(Features train, Features test, int classes) {
        long start = System.nanoTime();
        int m = train.rows();
        if (m < 2 || test.dims() != train.dims()) {
            throw new IllegalArgumentException("need at least 2 train rows and as many features per test row as "
                    + "per train row, got " + m + " rows of " + train.dims() + ", test rows of " + test.dims());
        }
        if (Arrays.stream(train.labels()).anyMatch(l -> l < 0 || l >= classes)
                || Arrays.stream(test.labels()).anyMatch(l -> l < 0 || l >= classes)) {
            throw new IllegalArgumentException("labels must lie in [0, " + classes + ")");
        }
        float[][] statistics = statistics(train);
        Features standardTrain = standardise(train, statistics);
        Features standardTest = standardise(test, statistics);

        int[] order = permutation(m, new SplittableRandom(seed));
        int held = Math.max(1, Math.min(m - 1, (int) Math.round(HELD_OUT * m)));
        Features heldOut = standardTrain.select(Arrays.copyOfRange(order, 0, held));
        Features fitted = standardTrain.select(Arrays.copyOfRange(order, held, m));

        Map<Double, Double> heldOutTop1 = new LinkedHashMap<>();
        double bestL2 = grid.get(0);
        double best = -1;
        for (double l2 : grid) {
            double accuracy = train(fitted, classes, l2).accuracy(heldOut)[0];
            heldOutTop1.put(l2, accuracy);
            if (accuracy > best) {
                best = accuracy;
                bestL2 = l2;
            }
        }
        double[] accuracy = train(standardTrain, classes, bestL2).accuracy(standardTest);
        return new LinearProbeResult(accuracy[0], accuracy[1], bestL2, heldOutTop1, m,
                (System.nanoTime() - start) / 1e9);
    }

    /** Mean and standard deviation of each feature. */
    private static float[][] statistics(Features features) {
        int dims = features.dims();
        double[] sum = new double[dims];
        double[] squares = new double[dims];
        float[] values = features.values();
        for (int i = 0; i < values.length; i++) {
            sum[i % dims] += values[i];
            squares[i % dims] += (double) values[i] * values[i];
        }
        float[] mean = new float[dims];
        float[] std = new float[dims];
        int n = features.rows();
        for (int d = 0; d < dims; d++) {
            double mu = sum[d] / n;
            mean[d] = (float) mu;
            std[d] = (float) Math.sqrt(Math.max(squares[d] / n - mu * mu, 0) + 1e-8);
        }
        return new float[][] {mean, std};
    }

    private static Features standardise(Features features, float[][] statistics) {
        int dims = features.dims();
        float[] values = features.values().clone();
        for (int i = 0; i < values.length; i++) {
            values[i] = (values[i] - statistics[0][i % dims]) / statistics[1][i % dims];
        }
        return new Features(values, dims, features.labels());
    }

    /** Softmax regression by mini-batch SGD with momentum, cosine learning rate, zero start. */
    private Classifier train(Features data, int classes, double l2) {
        int n = data.rows();
        int dims = data.dims();
        float[] x = data.values();
        int[] labels = data.labels();
        int batch = Math.min(BATCH, n);
        int perEpoch = n / batch;
        long total = Math.max((long) EPOCHS * perEpoch, MIN_STEPS);
        float[] weights = new float[dims * classes];
        float[] bias = new float[classes];
        float[] weightVelocity = new float[dims * classes];
        float[] biasVelocity = new float[classes];
        float[] weightGradient = new float[dims * classes];
        float[] biasGradient = new float[classes];
        float[] logits = new float[classes];
        SplittableRandom random = new SplittableRandom(seed + 1);
        int[] order = permutation(n, random);
        int at = 0;
        for (long step = 0; step < total; step++) {
            if (at + batch > n) {
                order = permutation(n, random);
                at = 0;
            }
            Arrays.fill(weightGradient, 0f);
            Arrays.fill(biasGradient, 0f);
            for (int i = at; i < at + batch; i++) {
                int row = order[i] * dims;
                scores(x, row, dims, weights, bias, logits);
                softmax(logits);
                logits[labels[order[i]]] -= 1f;
                for (int d = 0; d < dims; d++) {
                    float feature = x[row + d];
                    int offset = d * classes;
                    for (int c = 0; c < classes; c++) {
                        weightGradient[offset + c] += feature * logits[c];
                    }
                }
                for (int c = 0; c < classes; c++) {
                    biasGradient[c] += logits[c];
                }
            }
            float lr = (float) (LR * 0.5 * (1 + Math.cos(Math.PI * step / total)));
            float scale = 1f / batch;
            for (int j = 0; j < weights.length; j++) {
                float gradient = weightGradient[j] * scale + (float) l2 * weights[j];
                weightVelocity[j] = (float) MOMENTUM * weightVelocity[j] + gradient;
                weights[j] -= lr * weightVelocity[j];
            }
            for (int c = 0; c < classes; c++) {
                biasVelocity[c] = (float) MOMENTUM * biasVelocity[c] + biasGradient[c] * scale;
                bias[c] -= lr * biasVelocity[c];
            }
            at += batch;
        }
        return new Classifier(weights, bias, classes);
    }

    /** {@code out = x[row] · weights + bias}. */
    private static void scores(float[] x, int row, int dims, float[] weights, float[] bias, float[] out) {
        int classes = out.length;
        System.arraycopy(bias, 0, out, 0, classes);
        for (int d = 0; d < dims; d++) {
            float feature = x[row + d];
            int offset = d * classes;
            for (int c = 0; c < classes; c++) {
                out[c] += feature * weights[offset + c];
            }
        }
    }

    /** Softmax in place, shifted by the maximum for stability. */
    private static void softmax(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float value : logits) {
            max = Math.max(max, value);
        }
        float sum = 0;
        for (int c = 0; c < logits.length; c++) {
            logits[c] = (float) Math.exp(logits[c] - max);
            sum += logits[c];
        }
        for (int c = 0; c < logits.length; c++) {
            logits[c] /= sum;
        }
    }

    /** A trained linear layer, {@code dims × classes} weights. */
    private record Classifier(float[] weights, float[] bias, int classes) {

        /** Top-1 and top-5 accuracy (a tie counts for the lower class). */
        double[] accuracy(Features data) {
            float[] logits = new float[classes];
            int top1 = 0;
            int top5 = 0;
            int[] labels = data.labels();
            for (int r = 0; r < labels.length; r++) {
                scores(data.values(), r * data.dims(), data.dims(), weights, bias, logits);
                float truth = logits[labels[r]];
                int rank = 0;
                for (int c = 0; c < classes; c++) {
                    if (logits[c] > truth || (logits[c] == truth && c < labels[r])) {
                        rank++;
                    }
                }
                top1 += rank == 0 ? 1 : 0;
                top5 += rank < 5 ? 1 : 0;
            }
            return new double[] {(double) top1 / labels.length, (double) top5 / labels.length};
        }
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher-Yates). */
    private static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
