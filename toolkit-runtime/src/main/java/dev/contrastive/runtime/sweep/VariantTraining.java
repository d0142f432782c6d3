package dev.contrastive.runtime.sweep;

import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.plugin.PluginCatalog;
import dev.contrastive.runtime.run.RunDirectory;
import dev.contrastive.runtime.train.Trainer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Trains one variant in this JVM into {@code runs/<variant id>/}: nothing when the run finished
 * before, from its last checkpoint when it has one, from the start otherwise.
 */
public final class VariantTraining {

    private final SweepFile sweep;
    private final PluginCatalog catalog;
    private final PrintStream out;
    private final Trainer trainer;
    private final String toolkitVersion;

    /**
     * @param sweep the sweep, named in each run's provenance
     * @param catalog the plugins
     * @param out progress
     * @param trainer trains each variant
     * @param toolkitVersion written into each run's config.yaml
     */
    public VariantTraining(SweepFile sweep, PluginCatalog catalog, PrintStream out, Trainer trainer,
            String toolkitVersion) {
        this.sweep = sweep;
        this.catalog = catalog;
        this.out = out;
        this.trainer = trainer;
        this.toolkitVersion = toolkitVersion;
    }

    /** Trains {@code p} into {@code runs/<its id>/}; a failure is an outcome, not an exception. */
    public RunOutcome train(PreparedVariant p, Path runs) {
        SweepFile.Variant variant = p.variant();
        RunDirectory directory = new RunDirectory(runs.resolve(variant.id()));
        if (RunMetrics.of(directory).finished(p.config().train().epochs())) {
            return RunOutcome.done(variant);
        }
        boolean resume = Files.isRegularFile(directory.lastCheckpoint());
        long start = System.nanoTime();
        try {
            out.println((resume ? "sweep: resuming " : "sweep: run ") + directory.root());
            trainer.train(p.config(), catalog.policies(), () -> create(directory), resume,
                    resume ? "by contrastive toolkit " + toolkitVersion + " for sweep " + sweep.file() + ", variant "
                            + variant.id() : provenance(p));
            return RunOutcome.ok(variant, seconds(start));
        } catch (RuntimeException e) {
            return RunOutcome.failed(variant, seconds(start),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static RunDirectory create(RunDirectory directory) {
        try {
            Files.createDirectories(directory.root().resolve("checkpoints"));
        } catch (IOException e) {
            throw new UserError(UserError.TRAINING, "cannot create " + directory.root() + ": " + e.getMessage());
        }
        return directory;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private String provenance(PreparedVariant p) {
        return "Resolved configuration written by contrastive toolkit " + toolkitVersion + "\n"
                + "sweep " + sweep.file() + ", variant " + p.variant().id() + "\n"
                + "from " + sweep.base() + " with --set " + String.join(" --set ", p.sets())
                + "\nplugins: " + catalog.plugins().stream().map(i -> i.id() + " " + i.version())
                        .collect(Collectors.joining(", "));
    }
}
