package dev.contrastive.runtime.eval;

import ai.djl.ndarray.NDManager;
import dev.contrastive.api.Encoder;
import dev.contrastive.api.ImageTransform;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.config.RunConfig;
import dev.contrastive.runtime.data.Datasets;
import dev.contrastive.runtime.loader.ImageTensors;
import dev.contrastive.runtime.train.MetricsLog;
import dev.contrastive.runtime.train.RunDirectory;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The evaluation of an encoder as a run's configuration says (kNN monitor, linear probe), and its
 * {@code {"type":"eval",...}} record: shared by {@code toolkit eval} and the end of training.
 */
public final class RunEvaluation {

    private RunEvaluation() {
    }

    /**
     * Evaluates {@code encoder}'s backbone.
     *
     * @param strongTest the run's strong test transform for {@code knn_strong_top1}, or null
     * @param knn run the kNN monitor
     * @param linear run the linear probe
     * @return the kNN metrics, then {@code linear_top1}, {@code linear_top5}, {@code linear_l2},
     *     {@code linear_train_images} and {@code linear_s}, as asked
     */
    public static Map<String, Object> evaluate(Encoder encoder, ImageTransform strongTest, RunConfig config,
            Datasets.Loaded data, boolean knn, boolean linear, NDManager manager) {
        ImageTensors tensors = new ImageTensors(data.mean(), data.std());
        Map<String, Object> results = new LinkedHashMap<>();
        if (knn) {
            results.putAll(new KnnMonitor(config.knn(), data.train(), data.test(), tensors)
                    .evaluate(encoder, strongTest, null, manager));
        }
        if (linear) {
            LinearProbeResult probe = new LinearProbe(config.settings().seed())
                    .evaluate(encoder, data.train(), data.test(), tensors, manager);
            results.putAll(probe.metrics());
            results.put("linear_train_images", probe.trainImages());
            results.put("linear_s", probe.seconds());
        }
        return results;
    }

    /**
     * Appends an {@code eval} record to the run's metrics.
     *
     * @param checkpoint what was evaluated: a checkpoint's path relative to the run, or {@code init}
     * @param epoch the epochs the evaluated encoder was trained for
     * @param results what {@link #evaluate} returned, and anything else worth keeping
     */
    public static void record(RunDirectory run, String checkpoint, int epoch, Map<String, Object> results) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("type", "eval");
        record.put("checkpoint", checkpoint);
        record.put("epoch", epoch);
        record.putAll(results);
        try (MetricsLog metrics = new MetricsLog(run.metrics())) {
            metrics.write(record);
        } catch (IOException e) {
            throw new UserError(UserError.TRAINING, "cannot write " + run.metrics() + ": " + e.getMessage());
        }
    }

    /** The results as one line for the console: kNN and linear top-1. */
    public static String summary(Map<String, Object> results) {
        StringBuilder line = new StringBuilder();
        if (results.containsKey("knn_top1")) {
            line.append(String.format(Locale.ROOT, "kNN top-1 %.2f%%", 100 * (double) results.get("knn_top1")));
            if (results.containsKey("knn_strong_top1")) {
                line.append(String.format(Locale.ROOT, " (strongly augmented test images %.2f%%)",
                        100 * (double) results.get("knn_strong_top1")));
            }
        }
        if (results.containsKey("linear_top1")) {
            line.append(line.length() > 0 ? ", " : "").append(String.format(Locale.ROOT,
                    "linear top-1 %.2f%% top-5 %.2f%% (L2 %s, %d train images, %.1f s)",
                    100 * (double) results.get("linear_top1"), 100 * (double) results.get("linear_top5"),
                    results.get("linear_l2"), (int) results.get("linear_train_images"),
                    (double) results.get("linear_s")));
        }
        return line.toString();
    }
}
