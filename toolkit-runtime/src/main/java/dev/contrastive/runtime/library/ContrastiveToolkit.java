package dev.contrastive.runtime.library;

import dev.contrastive.api.AugmentationPolicy;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.augment.WeakAugmentation;
import dev.contrastive.runtime.config.RunConfig;
import dev.contrastive.runtime.config.RunConfigLoader;
import dev.contrastive.runtime.data.Datasets;
import dev.contrastive.runtime.data.LoadedData;
import dev.contrastive.runtime.eval.Metric;
import dev.contrastive.runtime.eval.RunEvaluation;
import dev.contrastive.runtime.eval.RunReport;
import dev.contrastive.runtime.io.FolderLock;
import dev.contrastive.runtime.io.OutputGuard;
import dev.contrastive.runtime.plugin.PluginCatalog;
import dev.contrastive.runtime.run.Checkpoint;
import dev.contrastive.runtime.run.CheckpointFallback;
import dev.contrastive.runtime.run.CheckpointFormat;
import dev.contrastive.runtime.run.RunDirectory;
import dev.contrastive.runtime.sweep.ChildCommand;
import dev.contrastive.runtime.sweep.ChildJvmExecutor;
import dev.contrastive.runtime.sweep.InProcessExecutor;
import dev.contrastive.runtime.sweep.PreparedVariant;
import dev.contrastive.runtime.sweep.RunMetrics;
import dev.contrastive.runtime.sweep.RunResult;
import dev.contrastive.runtime.sweep.SweepExecutor;
import dev.contrastive.runtime.sweep.SweepFile;
import dev.contrastive.runtime.sweep.SweepPreparation;
import dev.contrastive.runtime.sweep.SweepRunner;
import dev.contrastive.runtime.sweep.VariantTraining;
import dev.contrastive.runtime.train.RunSession;
import dev.contrastive.runtime.train.Trainer;
import dev.contrastive.runtime.train.TrainingListener;
import dev.contrastive.runtime.train.TrainingOutcome;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The toolkit as a library: a run, a resume, an evaluation or a local sweep started from Java
 * code with the same files and {@code key=value} overrides the CLI takes, returning what it made
 * instead of an exit code. The CLI's {@code run}, {@code eval} and {@code sweep} are this class.
 *
 * <p>A bad run or sweep file throws {@link dev.contrastive.api.ConfigException} (file, line and
 * key); every other failure a user can act on throws {@link UserError}, whose
 * {@link UserError#exitCode()} is the CLI's exit code. Training steps run on this thread; the
 * engine's thread count is fixed by the first run of the JVM. Close it to unload the plugins.
 */
public final class ContrastiveToolkit implements AutoCloseable {

    /** The CLI's main class, which a parallel sweep's child JVMs run. */
    private static final String CLI_MAIN = "dev.contrastive.runtime.cli.Main";

    private final String version;
    private final Path home;
    private final List<Path> extraPlugins;
    private final PluginCatalog catalog;
    private final boolean ownsCatalog;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean progressBar;
    private final List<TrainingListener> listeners;

    /**
     * A toolkit over a plugin catalog its host opened and closes (the CLI).
     *
     * @param version the toolkit version written into provenance
     * @param home the distribution folder, whose {@code plugins/} a parallel sweep's children load
     * @param extraPlugins plugin folders beyond {@code home/plugins}, handed on to a sweep's children
     * @param catalog the loaded plugins
     * @param out progress and results
     * @param err warnings
     * @param progressBar whether to redraw a progress bar (an interactive terminal)
     * @param listeners told of every training loop's steps, epochs and checkpoints, after the
     *     toolkit's own listeners
     */
    public ContrastiveToolkit(String version, Path home, List<Path> extraPlugins, PluginCatalog catalog,
            PrintStream out, PrintStream err, boolean progressBar, List<TrainingListener> listeners) {
        this(version, home, extraPlugins, catalog, false, out, err, progressBar, listeners);
    }

    private ContrastiveToolkit(String version, Path home, List<Path> extraPlugins, PluginCatalog catalog,
            boolean ownsCatalog, PrintStream out, PrintStream err, boolean progressBar,
            List<TrainingListener> listeners) {
        this.version = version;
        this.home = home;
        this.extraPlugins = List.copyOf(extraPlugins);
        this.catalog = catalog;
        this.ownsCatalog = ownsCatalog;
        this.out = out;
        this.err = err;
        this.progressBar = progressBar;
        this.listeners = List.copyOf(listeners);
    }

    /** A builder: the distribution of {@code -Dtoolkit.home} (default {@code dist}), output on System.out. */
    public static Builder builder() {
        return new Builder();
    }

    /** Pre-trains a new run of {@code runFile} into {@code runs/<name>-<time>/}. */
    public TrainedRun run(Path runFile, String... overrides) {
        return run(runFile, Path.of("runs"), List.of(overrides));
    }

    /**
     * Pre-trains a new run of {@code runFile}.
     *
     * @param runsDir parent folder of the new run folder
     * @param overrides {@code key=value} overrides, as {@code --set} takes them
     */
    public TrainedRun run(Path runFile, Path runsDir, List<String> overrides) {
        Objects.requireNonNull(runFile, "runFile");
        return train(runFile, overrides, null, () -> "Resolved configuration written by contrastive toolkit " + version
                + "\nfrom " + runFile + setOptions(overrides) + "\nplugins: " + catalog.plugins().stream()
                        .map(p -> p.id() + " " + p.version()).collect(Collectors.joining(", ")), runsDir);
    }

    /** Continues the run in {@code runDir} from its last checkpoint with its own {@code config.yaml}. */
    public TrainedRun resume(Path runDir, String... overrides) {
        return resume(runDir, null, List.of(overrides));
    }

    /**
     * Continues the run in {@code runDir} from its last checkpoint; a run resumed after its last
     * epoch only finishes (evaluation, encoder, report).
     *
     * @param runFile the run file to resume with, or null for the run's own {@code config.yaml}
     * @param overrides {@code key=value} overrides, such as a longer {@code train.epochs}
     */
    public TrainedRun resume(Path runDir, Path runFile, List<String> overrides) {
        RunDirectory existing = RunDirectory.existing(runDir);
        if (!Files.isRegularFile(existing.lastCheckpoint())) {
            throw new UserError(UserError.TRAINING, runDir + " has no checkpoint to resume from (checkpoints/last.ckpt)");
        }
        FolderLock.refuseIfHeld(existing.root(), "run folder");
        return train(runFile != null ? runFile : existing.config(), overrides, existing,
                () -> "by contrastive toolkit " + version + (runFile != null ? " from " + runFile : "")
                        + setOptions(overrides), null);
    }

    private TrainedRun train(Path file, List<String> overrides, RunDirectory existing, Supplier<String> provenance,
            Path runsDir) {
        RunConfig config = new RunConfigLoader(catalog.objectives(), catalog.policies()).load(file, overrides);
        Supplier<RunDirectory> folder = () -> {
            RunDirectory directory = existing != null ? existing : RunDirectory.create(runsDir, config.settings().name());
            out.println((existing != null ? "resuming " : "run ") + directory.root() + " ("
                    + config.settings().objective() + ", seed " + config.settings().seed() + ")");
            return directory;
        };
        TrainingOutcome outcome = trainer().train(config, catalog.policies(), folder,
                existing != null, provenance.get());
        return new TrainedRun(outcome.runDirectory(), outcome.epochs(), outcome.knnTop1(), outcome.trainSeconds(),
                outcome.imagesPerSecond(), outcome.dataWaitShare(),
                RunMetrics.of(new RunDirectory(outcome.runDirectory())).numbers());
    }

    private static String setOptions(List<String> overrides) {
        return overrides.isEmpty() ? "" : " with --set " + String.join(" --set ", overrides);
    }

    /**
     * Evaluates a run's encoder: appends an {@code eval} record to its {@code metrics.jsonl} and
     * rewrites its report.
     */
    public Evaluation evaluate(Path runDir, EvalRequest request) {
        RunDirectory run = RunDirectory.existing(runDir);
        FolderLock.refuseIfHeld(run.root(), "run folder");
        Path asked = request.checkpointFile();
        Path file = request.isInitialWeights() ? null : asked != null ? asked : run.lastCheckpoint();
        if (file != null && !Files.isRegularFile(file)) {
            throw new UserError(UserError.TRAINING, asked != null ? "--checkpoint " + asked + ": no such file"
                    : runDir + " has no checkpoint to evaluate (checkpoints/last.ckpt); no epoch of the run has finished");
        }
        // verified before anything is loaded; a damaged last.ckpt falls back on the newest intact epoch-N.ckpt
        Checkpoint verified = file == null ? null : asked != null ? CheckpointFormat.read(asked)
                : CheckpointFallback.newestIntact(run, err::println);
        RunConfig config = new RunConfigLoader(catalog.objectives(), catalog.policies()).load(run.config(), List.of());
        String shown = verified == null ? RunEvaluation.INIT : shown(run, verified.file());
        out.println("eval " + run.root() + " (" + config.settings().objective() + ", " + shown + ")");
        long start = System.nanoTime();
        LoadedData data = Datasets.load(config.data());
        if (!data.evaluable()) {
            throw new UserError(UserError.DATA, "nothing to evaluate on: " + data.noEvaluation());
        }
        Map<String, Object> results;
        int epoch = 0;
        try (RunSession session = RunSession.open(config, catalog.policies(), data)) {
            if (verified != null) {
                verified.restoreModel(session.objective().state(), session.manager());
                epoch = verified.progress().epochs();
            }
            results = RunEvaluation.evaluate(session.objective().onlineEncoder(), session.assembly().strongTest(),
                    config, data, request.knn(), request.linear(), session.manager());
        }
        results.put(Metric.EVAL_S.key(), (System.nanoTime() - start) / 1e9);
        try (FolderLock lock = run.lock("toolkit eval")) {
            RunEvaluation.record(run, shown, epoch, results);
            out.println(RunEvaluation.summary(results));
            Path report = RunReport.write(run);
            out.println("report: " + report);
            return new Evaluation(run.root(), shown, epoch, results, report);
        }
    }

    /** The checkpoint as written to the metrics: relative to the run folder when inside it. */
    private static String shown(RunDirectory run, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path root = run.root().toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
    }

    /**
     * Trains what a sweep still needs on this machine, then writes its results; resumable: a
     * finished run is skipped, an interrupted one continues from its checkpoint.
     *
     * @param folder the sweep folder, or null for {@code sweeps/<name>}
     * @param parallel runs trained at once: 1 in this JVM, more each in a child JVM of its own
     *     (DJL allows one gradient collector per process) with the cores shared out
     */
    public SweepOutcome sweep(Path sweepFile, Path folder, int parallel) {
        SweepFile sweep = SweepFile.load(sweepFile);
        Path dir = sweepFolder(sweep, folder, true);
        Integer threads = parallel > 1 ? threadsEach(parallel) : null;
        List<PreparedVariant> prepared = SweepPreparation.all(sweep, catalog, threads);
        Set<Integer> asked = prepared.stream().map(p -> p.config().train().threads())
                .collect(Collectors.toCollection(TreeSet::new));
        if (parallel == 1 && asked.size() > 1) {
            // libtorch sets its thread pools once per process: in this JVM every run would get the first one's
            out.println("sweep: its runs ask for " + asked + " PyTorch threads (train.threads), which a process sets "
                    + "once: each trains in a JVM of its own");
        }
        SweepExecutor executor = parallel > 1 || asked.size() > 1
                ? new ChildJvmExecutor(parallel, threads, ChildCommand.local(home, CLI_MAIN, sweepFile, dir, extraPlugins), out)
                : new InProcessExecutor(new VariantTraining(sweep, catalog, out, trainer(), version));
        return sweep(sweep, dir, prepared, executor);
    }

    /**
     * Trains a prepared sweep with a given executor (a cluster's, say) under the sweep folder's
     * one-writer lock, then writes its results.
     *
     * @param dir the sweep folder, checked by {@link #sweepFolder(SweepFile, Path, boolean)}
     */
    public SweepOutcome sweep(SweepFile sweep, Path dir, List<PreparedVariant> prepared, SweepExecutor executor) {
        try (FolderLock lock = lockSweepFolder(dir)) {
            String how = executor.describe();
            out.println("sweep " + sweep.name() + ": " + prepared.size() + " runs into " + dir
                    + (how.isEmpty() ? "" : ", " + how));
            List<RunResult> results = new SweepRunner(out).run(sweep, dir, prepared, executor);
            SweepOutcome outcome = new SweepOutcome(dir, results);
            out.println("sweep " + sweep.name() + ": " + (results.size() - outcome.failed()) + " finished, "
                    + outcome.failed() + " failed; results in " + outcome.resultsTable());
            return outcome;
        }
    }

    /**
     * The sweep folder {@code folder} names ({@code sweeps/<name>} for null), refused when it is a
     * run's own file or folder, or, for {@code writing} into it, when another process writes it.
     */
    public static Path sweepFolder(SweepFile sweep, Path folder, boolean writing) {
        Path dir = folder != null ? folder : Path.of("sweeps", sweep.name());
        OutputGuard.checkFolder(dir);
        if (writing && Files.isDirectory(dir)) {
            FolderLock.refuseIfHeld(dir, "sweep folder");
        }
        return dir;
    }

    /** The sweep folder, created, with its one-writer lock taken. */
    public static FolderLock lockSweepFolder(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw dev.contrastive.runtime.io.WriteFailure.of(dir, e);
        }
        return FolderLock.acquire(dir, "sweep folder", "toolkit sweep");
    }

    /** PyTorch threads of each of {@code parallel} runs side by side: the cores shared out. */
    public static int threadsEach(int parallel) {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / parallel);
    }

    private Trainer trainer() {
        return new Trainer(out, progressBar, listeners);
    }

    /** The plugins this toolkit loaded. */
    public PluginCatalog plugins() {
        return catalog;
    }

    /** Unloads the plugins when this toolkit loaded them (a {@link Builder}'s). */
    @Override
    public void close() {
        if (ownsCatalog) {
            catalog.close();
        }
    }

    /** Where a {@link ContrastiveToolkit} finds its plugins and writes its output. */
    public static final class Builder {

        private Path home = Path.of(System.getProperty("toolkit.home", "dist"));
        private final List<Path> plugins = new ArrayList<>();
        private PrintStream out = System.out;
        private PrintStream err = System.err;
        private final List<TrainingListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** The distribution folder whose {@code plugins/} holds the bundled plugin JARs. */
        public Builder home(Path home) {
            this.home = Objects.requireNonNull(home, "home");
            return this;
        }

        /** Also loads the plugin JARs of {@code dir}, as {@code --plugins DIR} does. */
        public Builder plugins(Path dir) {
            plugins.add(Objects.requireNonNull(dir, "dir"));
            return this;
        }

        /** Where progress and results go (default System.out). */
        public Builder out(PrintStream out) {
            this.out = Objects.requireNonNull(out, "out");
            return this;
        }

        /** Where warnings go (default System.err). */
        public Builder err(PrintStream err) {
            this.err = Objects.requireNonNull(err, "err");
            return this;
        }

        /** Also tells {@code listener} of every training loop's steps, epochs and checkpoints. */
        public Builder listener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Loads the plugins; refuses a missing plugin folder ({@link UserError}, exit code 3). */
        public ContrastiveToolkit build() {
            String version = ToolkitVersion.built();
            List<AugmentationPolicy> builtIns = List.of(new WeakAugmentation());
            PluginCatalog catalog = PluginFolders.open(home, plugins, version, builtIns);
            return new ContrastiveToolkit(version, home, plugins, catalog, true, out, err, false, listeners);
        }
    }
}
