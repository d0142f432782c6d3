package dev.contrastive.runtime.cli;

import ai.djl.ndarray.NDManager;
import com.google.inject.Inject;
import dev.contrastive.api.AugmentationPolicy;
import dev.contrastive.api.Encoder;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.config.RunConfig;
import dev.contrastive.runtime.config.RunConfigLoader;
import dev.contrastive.runtime.data.Datasets;
import dev.contrastive.runtime.eval.KnnMonitor;
import dev.contrastive.runtime.eval.LinearProbe;
import dev.contrastive.runtime.eval.LinearProbeResult;
import dev.contrastive.runtime.eval.RunReport;
import dev.contrastive.runtime.loader.ImageTensors;
import dev.contrastive.runtime.plugin.PluginCatalog;
import dev.contrastive.runtime.train.Checkpoint;
import dev.contrastive.runtime.train.EngineThreads;
import dev.contrastive.runtime.train.MetricsLog;
import dev.contrastive.runtime.train.RunAssembly;
import dev.contrastive.runtime.train.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code toolkit eval RUN_DIR}: kNN and linear probe of a run's encoder, into its metrics and report. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a run's encoder (its last checkpoint unless --checkpoint): the kNN monitor and "
                + "the linear probe (frozen backbone, logistic regression on the train split's features with "
                + "its L2 strength chosen on a held-out tenth of it, test top-1 and top-5). Both unless "
                + "--knn or --linear is given. Train and test split as the run's data section says.",
                "Appends a {\"type\":\"eval\",...} record to RUN_DIR/metrics.jsonl and rewrites "
                        + "RUN_DIR/report.md, loss.png and knn.png."})
final class EvalCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder written by toolkit run.")
    private Path runDir;

    @Option(names = "--knn", description = "Run the kNN monitor.")
    private boolean knn;

    @Option(names = "--linear", description = "Run the linear probe.")
    private boolean linear;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Evaluate this checkpoint of the run instead of RUN_DIR/checkpoints/last.ckpt.")
    private Path checkpoint;

    @Mixin
    private PluginOptions plugins;

    private final Toolkit toolkit;

    @Inject
    EvalCommand(Toolkit toolkit) {
        this.toolkit = toolkit;
    }

    @Override
    public Integer call() {
        if (!Files.isDirectory(runDir)) {
            throw new UserError(UserError.TRAINING, runDir + " is not a folder; give a run folder written by "
                    + "toolkit run");
        }
        RunDirectory run = RunDirectory.existing(runDir);
        Path file = checkpoint != null ? checkpoint : run.lastCheckpoint();
        if (!Files.isRegularFile(file)) {
            throw new UserError(UserError.TRAINING, (checkpoint != null ? "--checkpoint " + checkpoint
                    + ": no such file" : runDir + " has no checkpoint to evaluate (checkpoints/last.ckpt); "
                    + "no epoch of the run has finished"));
        }
        boolean both = !knn && !linear;
        try (PluginCatalog catalog = plugins.open()) {
            RunConfig config = new RunConfigLoader(catalog.objectives(), catalog.policies()).load(run.config(),
                    List.of());
            toolkit.out().println("eval " + run.root() + " (" + config.settings().objective() + ", "
                    + shown(run, file) + ")");
            Map<String, Object> results = evaluate(config, catalog.policies(), file, both || knn, both || linear);
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("type", "eval");
            record.put("checkpoint", shown(run, file));
            record.putAll(results);
            try (MetricsLog metrics = new MetricsLog(run.metrics())) {
                metrics.write(record);
            } catch (IOException e) {
                throw new UserError(UserError.TRAINING, "cannot write " + run.metrics() + ": " + e.getMessage());
            }
            print(results);
            Path report = RunReport.write(run);
            toolkit.out().println("report: " + report);
        }
        return 0;
    }

    /**
     * Builds the run's model, restores {@code checkpoint} into it (none: the freshly initialised
     * model of the run's seed) and evaluates its online encoder.
     *
     * @return {@code epoch} (of the checkpoint), the kNN metrics, the linear probe's metrics, and
     *     {@code eval_s}
     */
    static Map<String, Object> evaluate(RunConfig config, Map<String, AugmentationPolicy> policies, Path checkpoint,
            boolean knn, boolean linear) {
        long start = System.nanoTime();
        Datasets.Loaded data = Datasets.load(config.data());
        EngineThreads.start(config.train().threads());
        ImageTensors tensors = new ImageTensors(data.mean(), data.std());
        Map<String, Object> results = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            RunAssembly run = RunAssembly.build(config, policies, data.train().channels(), data.train().height(),
                    manager);
            try {
                if (checkpoint != null) {
                    results.put("epoch", Checkpoint.restoreModel(checkpoint, run.objective().state(), manager));
                }
                Encoder encoder = run.objective().onlineEncoder();
                if (knn) {
                    results.putAll(new KnnMonitor(config.knn(), data.train(), data.test(), tensors)
                            .evaluate(encoder, run.strongTest(), manager));
                }
                if (linear) {
                    LinearProbeResult probe = new LinearProbe(config.settings().seed())
                            .evaluate(encoder, data.train(), data.test(), tensors, manager);
                    results.putAll(probe.metrics());
                    results.put("linear_train_images", probe.trainImages());
                    results.put("linear_s", probe.seconds());
                }
            } finally {
                run.objective().close();
            }
        }
        results.put("eval_s", (System.nanoTime() - start) / 1e9);
        return results;
    }

    private void print(Map<String, Object> results) {
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
        toolkit.out().println(line);
    }

    /** The checkpoint as written to the metrics: relative to the run folder when inside it. */
    private static String shown(RunDirectory run, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path root = run.root().toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
    }
}
