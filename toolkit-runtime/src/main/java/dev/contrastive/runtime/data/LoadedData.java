package dev.contrastive.runtime.data;


import java.util.Arrays;

/**
 * A run's data: the images pre-training draws from, the labelled splits its evaluation uses when
 * it has them, and the normalisation of the encoder's input.
 *
 * @param train what the loader draws training samples from
 * @param evalTrain labelled images: the kNN memory and the linear probe's training set; null without evaluation
 * @param evalTest labelled images the kNN monitor and the probes classify; null without evaluation
 * @param mean per-channel mean on the 0..1 scale (one value per channel of {@code train})
 * @param std per-channel deviation on the 0..1 scale
 * @param origin where the training images came from, for messages
 * @param noEvaluation why the run has no evaluation data; null when it has
 */
public record LoadedData(ImageSource train, ImageSet evalTrain, ImageSet evalTest, float[] mean, float[] std,
        String origin, String noEvaluation) {

    /** Checks that evaluation data comes as a pair, with the training images' size and channels. */
    public LoadedData {
        if ((evalTrain == null) != (evalTest == null) || (evalTrain == null) == (noEvaluation == null)) {
            throw new IllegalArgumentException("evaluation needs both labelled splits, or a reason for none");
        }
        if (mean.length != train.channels() || std.length != train.channels()) {
            throw new IllegalArgumentException("normalisation has " + mean.length + " means and " + std.length
                    + " deviations for " + train.channels() + " channels");
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** Training images with labelled train and test splits for the kNN monitor and the probes. */
    public static LoadedData evaluated(ImageSource train, ImageSet evalTrain, ImageSet evalTest, float[] mean,
            float[] std, String origin) {
        return new LoadedData(train, evalTrain, evalTest, mean, std, origin, null);
    }

    /** Training images only: monitors and probes are skipped for the reason given. */
    public static LoadedData unevaluated(ImageSource train, float[] mean, float[] std, String origin,
            String why) {
        return new LoadedData(train, null, null, mean, std, origin, why);
    }

    /** Whether the kNN monitor and the linear probe can run. */
    public boolean evaluable() {
        return evalTrain != null;
    }

    /** Whether the online linear probe can run: it trains on the training batches' labels. */
    public boolean onlineProbeable() {
        return evaluable() && train.labelled();
    }

    /** Number of classes of the evaluation splits. */
    public int classes() {
        return evaluable() ? Math.max(evalTrain.classes(), evalTest.classes()) : 0;
    }

    /** The float conversion of the encoder's input. */
    public ImageTensors tensors() {
        return new ImageTensors(mean, std);
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    @Override
    public String toString() {
        return "LoadedData[" + origin + ", " + train.count() + " images, mean " + Arrays.toString(mean) + ", std "
                + Arrays.toString(std) + "]";
    }
}
