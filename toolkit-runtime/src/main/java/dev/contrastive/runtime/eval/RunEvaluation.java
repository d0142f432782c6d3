package dev.contrastive.runtime.eval;

import ai.djl.ndarray.NDManager;
import dev.contrastive.api.Encoder;
import dev.contrastive.api.ImageTransform;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.config.RunConfig;
import dev.contrastive.runtime.data.ImageTensors;
import dev.contrastive.runtime.data.LoadedData;
import dev.contrastive.runtime.run.MetricsLog;
import dev.contrastive.runtime.run.RunDirectory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evaluation of an encoder as a run's configuration says (kNN monitor, linear probe), and its
 * {@code {"type":"eval",...}} record: shared by {@code toolkit eval} and the end of training.
 */
public final class RunEvaluation {

    /** What an eval record names as its checkpoint when it measured the freshly initialised encoder. */
    public static final String INIT = "init";

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
            LoadedData data, boolean knn, boolean linear, NDManager manager) {
        ImageTensors tensors = data.tensors();
        Map<String, Object> results = new LinkedHashMap<>();
        if (knn) {
            results.putAll(new KnnMonitor(config.knn(), data.evalTrain(), data.evalTest(), tensors)
                    .evaluate(encoder, strongTest, null, manager));
        }
        if (linear) {
            LinearProbeResult probe = new LinearProbe(config.settings().seed())
                    .evaluate(encoder, data.evalTrain(), data.evalTest(), tensors, manager);
            results.putAll(probe.metrics());
            results.put(Metric.LINEAR_TRAIN_IMAGES.key(), probe.trainImages());
            results.put(Metric.LINEAR_S.key(), probe.seconds());
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

    /**
     * Evaluation results as one line for the console: kNN (and on strong test images), the online
     * probe's test top-1, the linear probe; whichever {@code results} has.
     */
    public static String summary(Map<String, ?> results) {
        List<String> parts = new ArrayList<>();
        if (results.containsKey(Metric.KNN_TOP1.key())) {
            String knn = String.format(Locale.ROOT, "kNN top-1 %.2f%%", percent(results, Metric.KNN_TOP1.key()));
            if (results.containsKey(Metric.KNN_STRONG_TOP1.key())) {
                knn += String.format(Locale.ROOT, " (on strongly augmented test images %.2f%%)",
                        percent(results, Metric.KNN_STRONG_TOP1.key()));
            }
            parts.add(knn);
        }
        if (results.containsKey(Metric.ONLINE_LINEAR_TEST_TOP1.key())) {
            parts.add(String.format(Locale.ROOT, "online linear probe %.2f%%",
                    percent(results, Metric.ONLINE_LINEAR_TEST_TOP1.key())));
        }
        if (results.containsKey(Metric.LINEAR_TOP1.key())) {
            parts.add(String.format(Locale.ROOT, "linear top-1 %.2f%% top-5 %.2f%% (L2 %s, %s train images, %.1f s)",
                    percent(results, Metric.LINEAR_TOP1.key()), percent(results, Metric.LINEAR_TOP5.key()), results.get(Metric.LINEAR_L2.key()),
                    results.get(Metric.LINEAR_TRAIN_IMAGES.key()), ((Number) results.get(Metric.LINEAR_S.key())).doubleValue()));
        }
        return String.join(", ", parts);
    }

    private static double percent(Map<String, ?> results, String key) {
        return 100 * ((Number) results.get(key)).doubleValue();
    }
}
