package dev.contrastive.runtime.cli;

import ai.djl.ndarray.NDManager;
import com.google.inject.Inject;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.SourceLocation;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.config.RunConfig;
import dev.contrastive.runtime.config.RunConfigLoader;
import dev.contrastive.runtime.data.Datasets;
import dev.contrastive.runtime.data.LoadedData;
import dev.contrastive.runtime.eval.RunEvaluation;
import dev.contrastive.runtime.eval.RunReport;
import dev.contrastive.runtime.io.FolderLock;
import dev.contrastive.runtime.plugin.PluginCatalog;
import dev.contrastive.runtime.train.Checkpoint;
import dev.contrastive.runtime.train.EngineThreads;
import dev.contrastive.runtime.train.RunAssembly;
import dev.contrastive.runtime.train.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    /** What {@code --init} records as the evaluated checkpoint. */
    static final String INIT = "init";

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
        RunDirectory run = RunDirectory.existing(runDir);
        FolderLock.refuseIfHeld(run.root(), "run folder");
        Path file = init ? null : checkpoint != null ? checkpoint : run.lastCheckpoint();
        if (file != null && !Files.isRegularFile(file)) {
            throw new UserError(UserError.TRAINING, (checkpoint != null ? "--checkpoint " + checkpoint
                    + ": no such file" : runDir + " has no checkpoint to evaluate (checkpoints/last.ckpt); "
                    + "no epoch of the run has finished"));
        }
        // verified before anything is loaded; a damaged last.ckpt falls back on the newest intact epoch-N.ckpt
        Checkpoint verified = init ? null : checkpoint != null ? Checkpoint.read(checkpoint)
                : Checkpoint.readNewestIntact(run, toolkit.err()::println);
        if (verified != null) {
            file = verified.file();
        }
        boolean both = !knn && !linear;
        try (PluginCatalog catalog = plugins.open()) {
            RunConfig config = new RunConfigLoader(catalog.objectives(), catalog.policies()).load(run.config(),
                    List.of());
            String shown = file == null ? INIT : shown(run, file);
            toolkit.out().println("eval " + run.root() + " (" + config.settings().objective() + ", " + shown + ")");
            long start = System.nanoTime();
            LoadedData data = Datasets.load(config.data());
            if (!data.evaluable()) {
                throw new UserError(UserError.DATA, "nothing to evaluate on: " + data.noEvaluation());
            }
            EngineThreads.start(config.train().threads());
            Map<String, Object> results;
            int epoch;
            try (NDManager manager = NDManager.newBaseManager()) {
                RunAssembly assembly = RunAssembly.build(config, catalog.policies(), data.train().channels(),
                        data.train().height(), manager);
                try {
                    epoch = 0;
                    if (verified != null) {
                        verified.restoreModel(assembly.objective().state(), manager);
                        epoch = verified.progress().epochs();
                    }
                    results = RunEvaluation.evaluate(assembly.objective().onlineEncoder(), assembly.strongTest(),
                            config, data, both || knn, both || linear, manager);
                } finally {
                    assembly.objective().close();
                }
            }
            results.put("eval_s", (System.nanoTime() - start) / 1e9);
            try (FolderLock lock = run.lock("toolkit eval")) {
                RunEvaluation.record(run, shown, epoch, results);
                toolkit.out().println(RunEvaluation.summary(results));
                toolkit.out().println("report: " + RunReport.write(run));
            }
        }
        return 0;
    }

    /** The checkpoint as written to the metrics: relative to the run folder when inside it. */
    private static String shown(RunDirectory run, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path root = run.root().toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
    }
}
