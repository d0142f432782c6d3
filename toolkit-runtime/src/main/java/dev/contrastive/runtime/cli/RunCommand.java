package dev.contrastive.runtime.cli;

import com.google.inject.Inject;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.SourceLocation;
import dev.contrastive.runtime.config.RunConfig;
import dev.contrastive.runtime.config.RunConfigLoader;
import dev.contrastive.runtime.io.FolderLock;
import dev.contrastive.runtime.plugin.PluginCatalog;
import dev.contrastive.runtime.train.RunDirectory;
import dev.contrastive.runtime.train.Trainer;
import dev.contrastive.runtime.train.TrainingOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

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

    @Inject
    RunCommand(Toolkit toolkit) {
        this.toolkit = toolkit;
    }

    @Override
    public Integer call() {
        RunDirectory existing = resume == null ? null : RunDirectory.existing(resume);
        if (existing != null && !Files.isRegularFile(existing.lastCheckpoint())) {
            throw new dev.contrastive.runtime.UserError(dev.contrastive.runtime.UserError.TRAINING,
                    resume + " has no checkpoint to resume from (checkpoints/last.ckpt)");
        }
        if (existing != null) {
            FolderLock.refuseIfHeld(existing.root(), "run folder");
        }
                Path file = runFile != null ? runFile : existing != null ? existing.config() : null;
        if (file == null) {
            throw new ConfigException(new SourceLocation("toolkit run", 0, 0),
                    "give a RUNFILE, or --resume RUN_DIR");
        }
        try (PluginCatalog catalog = plugins.open()) {
            RunConfig config = new RunConfigLoader(catalog.objectives(), catalog.policies()).load(file, overrides);
            java.util.function.Supplier<RunDirectory> folder = () -> {
                RunDirectory directory = existing != null ? existing
                        : RunDirectory.create(runsDir, config.settings().name());
                toolkit.out().println((existing != null ? "resuming " : "run ") + directory.root()
                        + " (" + config.settings().objective() + ", seed " + config.settings().seed() + ")");
                return directory;
            };
            TrainingOutcome outcome = new Trainer(toolkit.out(), toolkit.terminal())
                    .train(config, catalog.policies(), folder, existing != null,
                            existing != null ? resumption() : provenance(catalog, file));
            String knn = Double.isNaN(outcome.knnTop1()) ? "no kNN (no evaluation data)"
                    : String.format(Locale.ROOT, "kNN top-1 %.2f%%", 100 * outcome.knnTop1());
            toolkit.out().printf(Locale.ROOT, "done: %s after %d epochs, %.0f s training, "
                            + "%.0f images/s, data wait %.1f%%, run folder %s%n", knn,
                    outcome.epochs(), outcome.trainSeconds(), outcome.imagesPerSecond(),
                    100 * outcome.dataWaitShare(), outcome.runDirectory());
        }
        return 0;
    }

    private String provenance(PluginCatalog catalog, Path file) {
        return "Resolved configuration written by contrastive toolkit " + toolkit.version() + "\n"
                + "from " + file + setOptions()
                + "\nplugins: " + catalog.plugins().stream().map(p -> p.id() + " " + p.version())
                        .collect(Collectors.joining(", "));
    }

    /** How this resume was asked for, added to the run's provenance when it changes settings. */
    private String resumption() {
        return "by contrastive toolkit " + toolkit.version() + (runFile != null ? " from " + runFile : "")
                + setOptions();
    }

    private String setOptions() {
        return overrides.isEmpty() ? "" : " with --set " + String.join(" --set ", overrides);
    }

}
