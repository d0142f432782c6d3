package dev.contrastive.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.api.AugmentationPolicy;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.config.ResolvedConfig;
import dev.contrastive.runtime.config.RunConfig;
import dev.contrastive.runtime.config.TrainConfig;
import dev.contrastive.runtime.data.Datasets;
import dev.contrastive.runtime.data.ImageSource;
import dev.contrastive.runtime.data.ImageTensors;
import dev.contrastive.runtime.data.LoadedData;
import dev.contrastive.runtime.eval.KnnMonitor;
import dev.contrastive.runtime.eval.Metric;
import dev.contrastive.runtime.eval.OnlineLinearProbe;
import dev.contrastive.runtime.eval.RunEvaluation;
import dev.contrastive.runtime.eval.RunReport;
import dev.contrastive.runtime.io.AtomicFiles;
import dev.contrastive.runtime.io.FolderLock;
import dev.contrastive.runtime.io.WriteFailure;
import dev.contrastive.runtime.loader.BatchLoader;
import dev.contrastive.runtime.loader.ViewPreview;
import dev.contrastive.runtime.model.BackboneFiles;
import dev.contrastive.runtime.model.EncoderBlocks;
import dev.contrastive.runtime.run.Checkpoint;
import dev.contrastive.runtime.run.CheckpointFallback;
import dev.contrastive.runtime.run.MetricsLog;
import dev.contrastive.runtime.run.RunDirectory;
import dev.contrastive.runtime.run.RunProgress;
import dev.contrastive.runtime.tensorboard.TensorBoardLog;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs pre-training: assembles the run, resumes it or writes its {@code config.yaml}, then hands
 * the epochs left to the {@link TrainingLoop} and its listeners (progress, collapse watch, kNN
 * monitor, {@code metrics.jsonl} and TensorBoard's {@code tb/}, checkpoints, then the caller's);
 * at the end the evaluations of {@code eval:}, the backbone exported (and the head, which with
 * {@code serving.properties} makes the folder a DJL model, {@link ModelZooFiles}) and the run's
 * report. A run resumed after its last epoch only finishes.
 */
public final class Trainer {

    /** Rows of the preview of the views in TensorBoard, and the side its cells are enlarged towards. */
    private static final int PREVIEW_ROWS = 8;
    private static final int PREVIEW_SIDE = 112;

    private final PrintStream out;
    private final boolean terminal;
    private final List<TrainingListener> listeners;

    /**
     * @param out where progress and results are printed
     * @param terminal whether {@code out} is an interactive terminal (progress redrawn in place)
     * @param listeners told of the loop's events after the toolkit's own listeners
     */
    public Trainer(PrintStream out, boolean terminal, List<TrainingListener> listeners) {
        this.out = out;
        this.terminal = terminal;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Trains a run.
     *
     * @param config the validated run configuration
     * @param policies augmentation policies by name
     * @param directory the run folder, asked for once data and model are ready (so a bad data set
     *     or plugin leaves no empty folder behind); an existing one when resuming
     * @param resume continue from {@code directory}'s newest intact checkpoint
     * @param provenance lines written as comments above the resolved config of a new run; of a
     *     resume that trains further with other settings, what is added below the run's own
     */
    public TrainingOutcome train(RunConfig config, Map<String, AugmentationPolicy> policies,
            Supplier<RunDirectory> folder, boolean resume, String provenance) {
        TrainConfig train = config.train();
        LoadedData data = Datasets.load(config.data());
        ImageSource images = data.train();
        if (images.count() < train.batchSize()) {
            throw new UserError(UserError.DATA, "only " + images.count() + " training images in " + data.origin()
                    + ", fewer than train.batch_size " + train.batchSize());
        }
        out.println("data: " + data.origin());
        if (!data.evaluable()) {
            out.println("evaluation skipped: " + data.noEvaluation() + " (kNN monitor, online and linear probes)");
        } else if (!data.onlineProbeable() && config.eval().onlineLinear()) {
            out.println("online linear probe skipped: the training images have no labels");
        }
        EngineThreads.refuseOther(train.threads());
        ImageTensors tensors = data.tensors();
        try (RunSession session = RunSession.open(config, policies, data)) {
            NDManager manager = session.manager();
            RunAssembly run = session.assembly();
            run.tryViews(images.image(0));
            OnlineLinearProbe probe = data.onlineProbeable() ? session.onlineProbe(data.classes()) : null;
            Optimizer optimizer = session.optimizer();
            Map<String, NDArray> state = session.trainingState(optimizer, probe).arrays();
            RunDirectory directory = folder.get();
            try (FolderLock lock = directory.lock("training")) {
                RunProgress start;
                if (resume) {
                    start = resume(directory, config, session.resolved(), state, optimizer.positionalNames(), manager,
                            provenance);
                } else {
                    start = RunProgress.after(0);
                    directory.writeConfig(session.resolved(), provenance);
                    // a DJL model folder from the start, so Criteria can tell an unfinished run (docs/java.md)
                    writeModelDescription(config, run, data, images, directory);
                }
                KnnMonitor knn = data.evaluable()
                        ? new KnnMonitor(config.knn(), data.evalTrain(), data.evalTest(), tensors) : null;
                try (BatchLoader loader = new BatchLoader(images, run.pipelines(), train.batchSize(),
                        config.settings().seed(), tensors, config.data().workers(), config.data().prefetch());
                     MetricsLog metrics = new MetricsLog(directory.metrics());
                     TensorBoardLog tb = config.log().tensorboard() ? TensorBoardLog.open(directory.tensorboard(), out)
                             : TensorBoardLog.off()) {
                    if (tb.wants(TensorBoardLog.PREVIEW, 0)) {
                        tb.preview(ViewPreview.draw(images, run.pipelines(), config.settings().seed(), PREVIEW_ROWS,
                                Math.max(1, PREVIEW_SIDE / Math.max(images.height(), images.width()))));
                    }
                    TrainingStep step = new TrainingStep(run, optimizer, probe, manager, images.channels());
                    KnnEpochs knnEpochs = knn != null
                            ? new KnnEpochs(knn, config.knn().everyEpoch(), run, probe, manager, out) : null;
                    long started = System.nanoTime();
                    new TrainingLoop(step, loader, train, listeners(config, run, knnEpochs, metrics, tb, directory,
                            state), metrics, directory).run(start);
                    double top1 = knnEpochs != null ? knnEpochs.top1() : Double.NaN;
                    double seconds = (System.nanoTime() - started) / 1e9;
                    long trained = ((long) (train.epochs() - start.epochs()) * loader.batchesPerEpoch() - start.steps())
                            * train.batchSize();
                    finish(config, run, data, directory, tb, (long) train.epochs() * loader.batchesPerEpoch(), manager);
                    return new TrainingOutcome(directory.root(), Double.isNaN(top1) ? lastKnnTop1(directory) : top1,
                            train.epochs(), seconds, trained / seconds, loader.waitNanos() / 1e9 / seconds);
                } catch (IOException e) {
                    throw WriteFailure.find(e).orElseGet(() -> new UserError(UserError.TRAINING, "cannot write to "
                            + directory.root() + ": " + e.getMessage()));
                }
            }
        }
    }

    /**
     * The loop's listeners, in the order they are told: progress, collapse watch, kNN (which adds
     * to the epoch record), the metrics log, the checkpoints; then the caller's.
     */
    private List<TrainingListener> listeners(RunConfig config, RunAssembly run, KnnEpochs knn, MetricsLog metrics,
            TensorBoardLog tb, RunDirectory directory, Map<String, NDArray> state) {
        List<TrainingListener> all = new ArrayList<>();
        all.add(new ProgressBar(out, terminal, config.train().batchSize()));
        all.add(new CollapseWatch(run.objective().onlineEncoder().embeddingSize(), out, metrics));
        if (knn != null) {
            all.add(knn);
        }
        all.add(new MetricsRecords(metrics, tb, config.train().logEvery()));
        all.add(new Checkpoints(directory, state, config.train(),
                written -> all.forEach(listener -> listener.onCheckpoint(written))));
        all.addAll(listeners);
        return all;
    }

    /**
     * Resumes a run: its newest intact checkpoint, checked against the run's configuration
     * ({@link ResumeCheck}) and restored; only then, when it trains further with other settings,
     * {@code config.yaml} is rewritten, its provenance kept and {@code resumedWith} added. A resume
     * that fails a check leaves the folder as it was.
     *
     * @return where training continues
     */
    private RunProgress resume(RunDirectory directory, RunConfig config, ResolvedConfig resolved,
            Map<String, NDArray> state,
            Map<String, String> formerNames, NDManager manager, String resumedWith) {
        Checkpoint checkpoint = CheckpointFallback.newestIntact(directory, out::println);
        RunProgress progress = checkpoint.progress();
        List<String> changed = ResumeCheck.verify(directory, resolved, config.train().epochs(), progress);
        checkpoint.restoreTraining(state, formerNames, manager);
        if (progress.epochs() >= config.train().epochs()) {
            out.println("all " + config.train().epochs() + " epochs were trained before the run stopped; finishing "
                    + "it: " + (config.eval().linear() ? "linear probe, " : "")
                    + "encoder.safetensors, encoder.params, report.md");
        } else {
            out.println("continuing after " + progress.describe());
            if (!checkpoint.file().equals(directory.lastCheckpoint())) {
                // the next checkpoint replaces the damaged last.ckpt: its bytes are kept beside it
                copyAside(directory.lastCheckpoint());
            }
            if (!changed.isEmpty()) {
                directory.writeConfig(resolved, directory.provenance() + "\nresumed after "
                        + progress.describe() + " " + resumedWith);
            }
        }
        return progress;
    }

    private void copyAside(Path damaged) {
        Path aside = damaged.resolveSibling(damaged.getFileName() + ".damaged");
        try {
            Files.copy(damaged, aside, StandardCopyOption.REPLACE_EXISTING);
            out.println("the damaged " + damaged.getFileName() + " is kept as " + aside.getFileName());
        } catch (IOException e) {
            throw new UserError(UserError.TRAINING, "cannot keep a copy of the damaged " + damaged + ": " + e);
        }
    }

    /**
     * What follows the last epoch, in an order that makes an interrupted finish resumable: the
     * evaluations of {@code eval:}, then {@code head.params} and {@code serving.properties}, then
     * {@code encoder.safetensors} and {@code encoder.params} (whose presence marks a finished run),
     * then {@code report.md}.
     */
    private void finish(RunConfig config, RunAssembly run, LoadedData data, RunDirectory directory,
            TensorBoardLog tb, long steps, NDManager manager) throws IOException {
        String checkpoint = directory.root().relativize(directory.lastCheckpoint()).toString();
        int epochs = config.train().epochs();
        if (config.eval().linear() && data.evaluable() && probedBefore(directory, checkpoint, epochs)) {
            // a finish that stopped after its probe: the same checkpoint gives the same probe, logged once
            out.println("linear probe after epoch " + epochs + ": logged before the run stopped, kept");
        } else if (config.eval().linear() && data.evaluable()) {
            out.println("linear probe of the trained encoder...");
            Map<String, Object> results = RunEvaluation.evaluate(run.objective().onlineEncoder(), null, config, data,
                    false, true, manager);
            RunEvaluation.record(directory, checkpoint, epochs, results);
            tb.scalars("eval", results, steps);
            out.println("after epoch " + epochs + ": " + RunEvaluation.summary(results));
        }
        ModelZooFiles.writeHead(directory.root(), run.objective().onlineEncoder());
        writeModelDescription(config, run, data, data.train(), directory);
        exportBackbone(config, run, directory);
        RunReport.write(directory);
    }

    /** Whether {@code metrics.jsonl} holds a linear probe of {@code checkpoint} after {@code epochs}. */
    private static boolean probedBefore(RunDirectory directory, String checkpoint, int epochs) throws IOException {
        return MetricsLog.read(directory.metrics()).stream().anyMatch(r -> r.path("type").asText().equals("eval")
                && r.path("checkpoint").asText().equals(checkpoint) && r.path("epoch").asInt() == epochs
                && r.has(Metric.LINEAR_TOP1.key()));
    }

    /** The run folder's {@code serving.properties}, which makes it a DJL model folder. */
    private static void writeModelDescription(RunConfig config, RunAssembly run, LoadedData data, ImageSource images,
            RunDirectory directory) {
        try {
            ModelZooFiles.writeDescription(directory.root(), ModelZooFiles.describe(config.model(),
                    run.objective().onlineEncoder(), images.channels(), images.height(), data.mean(), data.std()));
        } catch (IOException e) {
            throw new UserError(UserError.TRAINING, "cannot write to " + directory.root() + ": " + e.getMessage());
        }
    }

    /** The kNN top-1 of the run's last epoch record, for a run resumed only to finish. */
    private static double lastKnnTop1(RunDirectory directory) throws IOException {
        JsonNode last = MetricsLog.last(MetricsLog.read(directory.metrics()), "epoch");
        return last == null ? Double.NaN : last.path(Metric.KNN_TOP1.key()).asDouble(Double.NaN);
    }

    /** {@code encoder.safetensors}, then {@code encoder.params}, whose presence marks a finished run. */
    private static void exportBackbone(RunConfig config, RunAssembly run, RunDirectory directory)
            throws IOException {
        Block backbone = EncoderBlocks.backbone(run.objective().onlineEncoder());
        AtomicFiles.write(directory.safetensors(), BackboneFiles.safetensors(backbone, config.model()));
        AtomicFiles.write(directory.encoder(), BackboneFiles.djl(backbone));
    }
}
