package dev.contrastive.runtime.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * The weighted kNN classifier of InstDisc and the MoCo CIFAR demo: each test feature's k most
 * cosine-similar train features vote for their class with weight {@code exp(sim / T)}.
 */
public final class KnnClassifier {

    private static final int CHUNK = 500;

    private KnnClassifier() {
    }

    /**
     * Top-1 accuracy.
     *
     * @param train {@code M × F} unit vectors
     * @param trainLabels class of each train row
     * @param test {@code N × F} unit vectors
     * @param testLabels class of each test row
     * @param classes number of classes
     * @param k neighbours
     * @param temperature vote temperature
     * @return fraction of test rows whose weighted vote picks their class
     */
    public static double top1(NDArray train, int[] trainLabels, NDArray test, int[] testLabels,
            int classes, int k, double temperature) {
        int n = (int) test.getShape().get(0);
        int neighbours = Math.min(k, trainLabels.length);
        int correct = 0;
        NDManager manager = test.getManager();
        NDArray memory = train.transpose();
        for (int start = 0; start < n; start += CHUNK) {
            int rows = Math.min(CHUNK, n - start);
            try (NDManager chunk = manager.newSubManager()) {
                NDArray slice = test.get("{}:{}", start, start + rows);
                slice.attach(chunk);
                NDArray similarities = slice.matMul(memory);
                NDList top = similarities.topK(neighbours, 1, true, true);
                top.attach(chunk);
                float[] values = top.get(0).toFloatArray();
                long[] indices = top.get(1).toType(ai.djl.ndarray.types.DataType.INT64, false).toLongArray();
                for (int r = 0; r < rows; r++) {
                    double[] votes = new double[classes];
                    for (int j = 0; j < neighbours; j++) {
                        int at = r * neighbours + j;
                        votes[trainLabels[(int) indices[at]]] += Math.exp(values[at] / temperature);
                    }
                    int best = 0;
                    for (int c = 1; c < classes; c++) {
                        if (votes[c] > votes[best]) {
                            best = c;
                        }
                    }
                    if (best == testLabels[start + r]) {
                        correct++;
                    }
                }
            }
        }
        memory.close();
        return (double) correct / n;
    }
}
