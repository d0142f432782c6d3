package dev.contrastive.runtime.cli;

import com.google.inject.Inject;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.SourceLocation;
import dev.contrastive.runtime.library.ContrastiveToolkit;
import dev.contrastive.runtime.library.TrainedRun;
import dev.contrastive.runtime.plugin.PluginCatalog;
import dev.contrastive.runtime.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code toolkit run RUNFILE}: pre-trains an encoder as the run file says. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Pre-train an encoder. Writes runs/<name>-<time>/ with config.yaml, metrics.jsonl, "
                + "checkpoints/last.ckpt, encoder.params and report.md (with loss.png and accuracy.png). "
                + "A run resumed after its last epoch only finishes: evaluation, encoder.params, report.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUNFILE",
            description = "YAML run file (optional with --resume: the run's own config.yaml is used).")
    private Path runFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a key of the run file, e.g. --set train.epochs=10 (repeatable).")
    private List<String> overrides = new ArrayList<>();

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Continue the run in RUN_DIR from its last checkpoint.")
    private Path resume;

    @Option(names = "--runs-dir", paramLabel = "DIR", defaultValue = "runs",
            description = "Parent folder of new run folders (default: ${DEFAULT-VALUE}).")
    private Path runsDir;

    @Mixin
    private PluginOptions plugins;

    private final Toolkit toolkit;
    private final Set<TrainingListener> listeners;

    @Inject
    RunCommand(Toolkit toolkit, Set<TrainingListener> listeners) {
        this.toolkit = toolkit;
        this.listeners = listeners;
    }

    @Override
    public Integer call() {
        if (runFile == null && resume == null) {
            throw new ConfigException(new SourceLocation("toolkit run", 0, 0), "give a RUNFILE, or --resume RUN_DIR");
        }
        try (PluginCatalog catalog = plugins.open()) {
            ContrastiveToolkit library = toolkit.library(catalog, plugins.extra(), listeners);
            TrainedRun run = resume != null ? library.resume(resume, runFile, overrides)
                    : library.run(runFile, runsDir, overrides);
            String knn = Double.isNaN(run.knnTop1()) ? "no kNN (no evaluation data)"
                    : String.format(Locale.ROOT, "kNN top-1 %.2f%%", 100 * run.knnTop1());
            toolkit.out().printf(Locale.ROOT, "done: %s after %d epochs, %.0f s training, "
                            + "%.0f images/s, data wait %.1f%%, run folder %s%n", knn,
                    run.epochs(), run.trainSeconds(), run.imagesPerSecond(), 100 * run.dataWaitShare(), run.folder());
        }
        return 0;
    }
}
