package dev.contrastive.runtime.cli;

import com.google.inject.Inject;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.SourceLocation;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.io.FolderLock;
import dev.contrastive.runtime.library.ContrastiveToolkit;
import dev.contrastive.runtime.library.SweepOutcome;
import dev.contrastive.runtime.plugin.PluginCatalog;
import dev.contrastive.runtime.sweep.PreparedVariant;
import dev.contrastive.runtime.sweep.RunOutcome;
import dev.contrastive.runtime.sweep.RunResult;
import dev.contrastive.runtime.sweep.RunStatus;
import dev.contrastive.runtime.sweep.SweepExecutor;
import dev.contrastive.runtime.sweep.SweepFile;
import dev.contrastive.runtime.sweep.SweepPreparation;
import dev.contrastive.runtime.sweep.SweepRunner;
import dev.contrastive.runtime.sweep.VariantTraining;
import dev.contrastive.runtime.sweep.spark.SparkExecutor;
import dev.contrastive.runtime.sweep.spark.SparkMaster;
import dev.contrastive.runtime.sweep.spark.SparkSecurity;
import dev.contrastive.runtime.sweep.spark.SparkSettings;
import dev.contrastive.runtime.train.Trainer;
import dev.contrastive.runtime.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code toolkit sweep SWEEPFILE}: trains every variant of a sweep and tabulates the results. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a sweep: the product of the sweep file's axes (and its explicit variants) over a base "
                + "run file, each an ordinary run in <sweep dir>/runs/<variant>/; writes results.csv, results.md "
                + "(mean ± std over seeds, difference to the baseline) and results.png. Running it again skips "
                + "finished runs, resumes interrupted ones and reruns failed ones.")
final class SweepCommand implements Callable<Integer> {

    /** Where the runs train; lower case, as the values are written on the command line. */
    enum Engine { local, spark }

    @Parameters(index = "0", paramLabel = "SWEEPFILE", description = "YAML sweep file.")
    private Path sweepFile;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
            description = "Runs at once (default ${DEFAULT-VALUE}); each gets max(1, cores / N) PyTorch threads.")
    private int parallel;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "local",
            description = "local (this machine, default) or spark (one Spark task per run; needs --master).")
    private Engine engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "With --engine spark: local[N] or spark://host:7077.")
    private String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE",
            description = "With --engine spark: a Spark setting (repeatable), e.g. spark.task.cpus=2.")
    private Map<String, String> conf = new LinkedHashMap<>();

    /** {@code --conf} as the driver gets it, checked ({@link SparkSecurity}). */
    private Map<String, String> sparkConf;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "With --engine spark: the file holding the cluster's spark.authenticate.secret (one line, "
                    + "readable by you alone); turns Spark's authentication on. Default: the file named by "
                    + SparkSecurity.ENV_FILE + ". A secret is never given with --conf.")
    private Path secretFile;

    @Option(names = "--dry-run", description = "Print each variant and its resolved config; train nothing.")
    private boolean dryRun;

    @Option(names = "--report", description = "Rebuild results.csv, results.md and results.png from the run "
            + "folders' metrics.jsonl alone (kept logs without checkpoints will do); train nothing.")
    private boolean report;

    @Option(names = "--out", paramLabel = "DIR", description = "The sweep folder (default: sweeps/<name>).")
    private Path out;

    @Option(names = "--only", paramLabel = "VARIANT", hidden = true,
            description = "Train only this variant in this process, write no results (a child of --parallel or Spark).")
    private String only;

    @Option(names = "--threads", paramLabel = "N", hidden = true,
            description = "With --only: the run's PyTorch threads.")
    private Integer threads;

    @Option(names = "--origin", paramLabel = "FILE", hidden = true,
            description = "With --only: the sweep file SWEEPFILE is a copy of (shipped to a Spark worker), which "
                    + "the run's provenance names.")
    private Path origin;

    @Mixin
    private PluginOptions plugins;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    private final Toolkit toolkit;
    private final Set<TrainingListener> listeners;

    @Inject
    SweepCommand(Toolkit toolkit, Set<TrainingListener> listeners) {
        this.toolkit = toolkit;
        this.listeners = listeners;
    }

    @Override
    public Integer call() {
        checkOptions();
        SweepFile sweep = SweepFile.load(sweepFile);
        Path dir = ContrastiveToolkit.sweepFolder(sweep, out, only == null && !dryRun);
        try (PluginCatalog catalog = plugins.open()) {
            if (only != null) {
                return trainOnly(sweep, catalog, dir);
            }
            ContrastiveToolkit library = toolkit.library(catalog, plugins.extra(), listeners);
            if (engine == Engine.local && !dryRun && !report) {
                return exitCode(library.sweep(sweepFile, dir, parallel));
            }
            Integer runThreads = engine == Engine.local && parallel > 1 ? ContrastiveToolkit.threadsEach(parallel) : null;
            List<PreparedVariant> prepared = SweepPreparation.all(sweep, catalog, runThreads);
            if (dryRun) {
                SweepPreparation.print(prepared, toolkit.out());
                return 0;
            }
            if (report) {
                try (FolderLock lock = ContrastiveToolkit.lockSweepFolder(dir)) {
                    List<RunResult> results = new SweepRunner(toolkit.out()).report(sweep, dir, prepared);
                    long done = results.stream().filter(r -> r.status().finished()).count();
                    toolkit.out().println("sweep " + sweep.name() + ": " + done + " of " + results.size()
                            + " runs recorded; results in " + dir.resolve("results.md"));
                    return 0;
                }
            }
            // the executor's own checks (a Spark engine installed) come before the sweep folder is made
            return exitCode(library.sweep(sweep, dir, prepared, sparkExecutor(sweep)));
        }
    }

    private static int exitCode(SweepOutcome outcome) {
        return outcome.failed() > 0 ? UserError.TRAINING : 0;
    }

    private void checkOptions() {
        OptionRange.check("--parallel", parallel, 1, Runtime.getRuntime().availableProcessors());
        if (engine == Engine.spark) {
            // before the sweep folder is made or anything trains: the master as written, the
            // settings and the secret file, then (not for a dry run) a connection to the master
            SparkMaster.check(master, false);
            sparkConf = SparkSecurity.settings(conf, SparkSecurity.secretFile(secretFile, System.getenv()),
                    master.startsWith("spark://"), toolkit.out());
            if (!dryRun) {
                SparkMaster.check(master, true);
            }
            if (parallel != 1) {
                throw usage("--parallel " + parallel, "not with --engine spark: the cluster runs as many runs at "
                        + "once as it has cores for (spark.task.cpus each)");
            }
        } else if (master != null || !conf.isEmpty() || secretFile != null) {
            throw usage(master != null ? "--master " + master : secretFile != null ? "--secret-file" : "--conf",
                    "only with --engine spark");
        }
    }

    private static ConfigException usage(String option, String message) {
        return new ConfigException(new SourceLocation(option, 0, 0), message);
    }

    /** {@code --only}: one variant in this JVM, the child of another executor; no results written. */
    private int trainOnly(SweepFile sweep, PluginCatalog catalog, Path dir) {
        PreparedVariant one = SweepPreparation.one(sweep, catalog, only, threads);
        ParentWatch.exitWhenGone();
        SweepFile named = origin != null ? sweep.namedAs(origin) : sweep;
        RunOutcome outcome = new VariantTraining(named, catalog, toolkit.out(),
                new Trainer(toolkit.out(), false, List.copyOf(listeners)), toolkit.version())
                .train(one, dir.resolve("runs"));
        if (outcome.status() == RunStatus.FAILED) {
            throw new UserError(UserError.TRAINING, outcome.error());
        }
        return 0;
    }

    private SweepExecutor sparkExecutor(SweepFile sweep) {
        List<Path> extra = spec.commandLine().getParseResult().matchedOptionValue("--plugins", List.of());
        return new SparkExecutor(new SparkSettings(master, sparkConf, toolkit.home(), toolkit.version(),
                Main.class.getName(), SparkSecurity.secretFile(secretFile, System.getenv())), sweep, extra,
                toolkit.out());
    }
}
