package dev.contrastive.runtime.cli;

import com.google.inject.Inject;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.SourceLocation;
import dev.contrastive.runtime.library.EvalRequest;
import dev.contrastive.runtime.plugin.PluginCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code toolkit eval RUN_DIR}: kNN and linear probe of a run's encoder, into its metrics and report. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a run's encoder (its last checkpoint unless --checkpoint or --init): the kNN "
                + "monitor and the linear probe (frozen backbone, logistic regression on the train split's "
                + "features with its L2 strength chosen on a held-out tenth of it, test top-1 and top-5). Both "
                + "unless --knn or --linear is given. Train and test split as the run's data section says.",
                "Appends a {\"type\":\"eval\",...} record to RUN_DIR/metrics.jsonl and rewrites "
                        + "RUN_DIR/report.md, loss.png and accuracy.png."})
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

    @Option(names = "--init", description = "Evaluate the run's freshly initialised encoder (the weights its "
            + "seed gives before any step): the baseline a trained encoder has to beat. Needs no checkpoint.")
    private boolean init;

    @Mixin
    private PluginOptions plugins;

    private final Toolkit toolkit;

    @Inject
    EvalCommand(Toolkit toolkit) {
        this.toolkit = toolkit;
    }

    @Override
    public Integer call() {
        if (init && checkpoint != null) {
            throw new ConfigException(new SourceLocation("toolkit eval", 0, 0), "--init and --checkpoint exclude "
                    + "each other");
        }
        EvalRequest request = init ? EvalRequest.lastCheckpoint().initialWeights()
                : checkpoint != null ? EvalRequest.lastCheckpoint().checkpoint(checkpoint) : EvalRequest.lastCheckpoint();
        if (knn != linear) {
            request = knn ? request.knnOnly() : request.linearOnly();
        }
        try (PluginCatalog catalog = plugins.open()) {
            toolkit.library(catalog, plugins.extra()).evaluate(runDir, request);
        }
        return 0;
    }
}
