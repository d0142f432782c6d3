package dev.contrastive.runtime.train;

import ai.djl.ndarray.NDArray;
import dev.contrastive.runtime.eval.Metric;
import dev.contrastive.runtime.run.MetricsLog;

import java.io.PrintStream;
import java.util.Map;

/**
 * Watches for collapse, the failure of negative-free objectives such as BYOL: every embedding
 * tending to one point. The per-dimension standard deviation of the L2-normalised weak queries,
 * averaged over dimensions ({@code embedding_std}), is about {@code 1/√D} when embeddings spread
 * over the sphere and falls towards 0 as they collapse. Judged on an epoch's mean, because
 * freshly initialised heads map all images close together for the first steps of any run; a
 * warning is printed and logged as a {@code warning} record.
 */
final class CollapseWatch implements TrainingListener {

    /** The metric's name in step and epoch records. */
    static final String METRIC = Metric.EMBEDDING_STD.key();
    /** A warning below this fraction of the healthy {@code 1/√D}. */
    static final double WARN_FRACTION = 0.2;

    private final double threshold;
    private final int dimensions;
    private final PrintStream out;
    private final MetricsLog metrics;

    /**
     * @param dimensions width {@code D} of the embeddings
     * @param out where a warning is printed
     * @param metrics where it is logged
     */
    CollapseWatch(int dimensions, PrintStream out, MetricsLog metrics) {
        this.dimensions = dimensions;
        this.threshold = WARN_FRACTION / Math.sqrt(dimensions);
        this.out = out;
        this.metrics = metrics;
    }

    @Override
    public void onEpoch(Epoch epoch) {
        String warning = warning(epoch.record());
        if (warning != null) {
            out.println("warning: " + warning);
            metrics.write(Map.of("type", "warning", "epoch", epoch.epoch() + 1, "message", warning));
        }
    }

    /** The metric of a batch of unit vectors ({@code N × D}), computed without gradients. */
    static double embeddingStd(NDArray embeddings) {
        NDArray x = embeddings.stopGradient();
        NDArray centred = x.sub(x.mean(new int[] {0}, true));
        return centred.square().mean(new int[] {0}).sqrt().mean().getFloat();
    }

    /** The warning an epoch record deserves, or null when its embeddings are spread. */
    String warning(Map<String, Object> epochRecord) {
        if (!(epochRecord.get(METRIC) instanceof Double std) || std >= threshold) {
            return null;
        }
        return String.format("epoch %s: embedding_std %.5f is below %.5f (%.1f/sqrt(%d)): the embeddings are "
                + "collapsing towards one point, and the encoder learns nothing from here on. Check the "
                + "objective's heads (BYOL needs BatchNorm in projector and predictor), lower train.lr, or "
                + "raise the target momentum", epochRecord.get("epoch"), std, threshold, WARN_FRACTION, dimensions);
    }
}
