package dev.contrastive.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.api.AugmentationPolicy;
import dev.contrastive.api.TrainingProgress;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.config.RunConfig;
import dev.contrastive.runtime.config.TrainConfig;
import dev.contrastive.runtime.data.Datasets;
import dev.contrastive.runtime.data.ImageSet;
import dev.contrastive.runtime.eval.KnnMonitor;
import dev.contrastive.runtime.eval.OnlineLinearProbe;
import dev.contrastive.runtime.eval.RunEvaluation;
import dev.contrastive.runtime.eval.RunReport;
import dev.contrastive.runtime.loader.BatchLoader;
import dev.contrastive.runtime.loader.HostBatch;
import dev.contrastive.runtime.loader.ImageTensors;
import dev.contrastive.runtime.model.ResNetEncoders;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs pre-training: epochs of {@link TrainingStep}s over the loader's batches, the kNN monitor
 * and an atomic checkpoint after every epoch (kept as {@code epoch-N.ckpt} every
 * {@code train.checkpoint_every} epochs); at the end the evaluations of {@code eval:}, the
 * backbone exported and the run's report. A run resumed after its last epoch only finishes.
 */
public final class Trainer {

    private final PrintStream out;
    private final boolean terminal;

    /**
     * @param out where progress and results are printed
     * @param terminal whether {@code out} is an interactive terminal (progress redrawn in place)
     */
    public Trainer(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /**
     * Trains a run.
     *
     * @param config the validated run configuration
     * @param policies augmentation policies by name
     * @param directory the run folder, asked for once data and model are ready (so a bad data set
     *     or plugin leaves no empty folder behind); an existing one when resuming
     * @param resume continue from {@code directory}'s last checkpoint
     * @param provenance lines written as comments above the resolved config
     */
    public TrainingOutcome train(RunConfig config, Map<String, AugmentationPolicy> policies,
            Supplier<RunDirectory> folder, boolean resume, String provenance) {
        TrainConfig train = config.train();
        Datasets.Loaded data = Datasets.load(config.data());
        ImageSet images = data.train();
        if (images.count() < train.batchSize()) {
            throw new UserError(UserError.DATA, "only " + images.count() + " training images in " + data.folder()
                    + ", fewer than train.batch_size " + train.batchSize());
        }
        EngineThreads.start(train.threads());
        ImageTensors tensors = new ImageTensors(data.mean(), data.std());
        try (NDManager manager = NDManager.newBaseManager()) {
            RunAssembly run = RunAssembly.build(config, policies, images.channels(), images.height(), manager);
            OnlineLinearProbe probe = OnlineLinearProbe.of(config, run.objective(), data.classes(), manager);
            RunDirectory directory = folder.get();
            directory.writeConfig(config.resolved(), provenance);
            Sgd optimizer = new Sgd(run.objective().trainableParameters(), train.momentum(),
                    train.weightDecay(), manager);
            Map<String, NDArray> state = new LinkedHashMap<>(run.objective().state());
            state.putAll(optimizer.state());
            if (probe != null) {
                state.putAll(probe.state());
            }
            int startEpoch = resume ? Checkpoint.restoreTraining(directory.lastCheckpoint(), state, manager) : 0;
            if (startEpoch >= train.epochs() && Files.isRegularFile(directory.encoder())) {
                throw new UserError(UserError.TRAINING, directory.root() + " has finished all " + train.epochs()
                        + " epochs; raise them with --set train.epochs=N to continue");
            }
            if (startEpoch >= train.epochs()) {
                out.println("all " + train.epochs() + " epochs were trained before the run stopped; finishing it: "
                        + (config.eval().linear() ? "linear probe, " : "") + "encoder.params, report.md");
            }
            KnnMonitor knn = new KnnMonitor(config.knn(), images, data.test(), tensors);
            try (BatchLoader loader = new BatchLoader(images, run.pipelines(), train.batchSize(),
                    config.settings().seed(), tensors, config.data().workers(), config.data().prefetch());
                 MetricsLog metrics = new MetricsLog(directory.metrics())) {
                TrainingStep step = new TrainingStep(run, optimizer, probe, manager, images.channels());
                long started = System.nanoTime();
                double top1 = loop(config, run, probe, step, loader, knn, metrics, manager, directory, startEpoch,
                        state);
                double seconds = (System.nanoTime() - started) / 1e9;
                long trained = (long) (train.epochs() - startEpoch) * loader.batchesPerEpoch() * train.batchSize();
                finish(config, run, data, directory, manager);
                return new TrainingOutcome(directory.root(), Double.isNaN(top1) ? lastKnnTop1(directory) : top1,
                        train.epochs(), seconds, trained / seconds, loader.waitNanos() / 1e9 / seconds);
            } catch (IOException e) {
                throw new UserError(UserError.TRAINING, "cannot write to " + directory.root() + ": " + e.getMessage());
            } finally {
                run.objective().close();
            }
        }
    }

    /** What a stopped run leaves: the last checkpoint and how to go on from it, or that there is none. */
    private static String kept(RunDirectory directory, String advice) {
        return Files.exists(directory.lastCheckpoint())
                ? "the last checkpoint " + directory.lastCheckpoint() + " is intact (" + advice
                        + "resume with --resume " + directory.root() + ")"
                : "no epoch had finished, so there is no checkpoint; " + advice + "start again";
    }

    /**
     * Trains the epochs left.
     *
     * @return the kNN top-1 after the last epoch; NaN when no epoch was left to train
     */
    private double loop(RunConfig config, RunAssembly run, OnlineLinearProbe probe, TrainingStep step,
            BatchLoader loader, KnnMonitor knn, MetricsLog metrics, NDManager manager, RunDirectory directory,
            int startEpoch, Map<String, NDArray> state) throws IOException {
        TrainConfig train = config.train();
        int steps = loader.batchesPerEpoch();
        LearningRate schedule = new LearningRate(train.lr(), Math.round(train.warmupEpochs() * steps),
                (long) train.epochs() * steps);
        ProgressBar progress = new ProgressBar(out, terminal);
        CollapseWatch collapseWatch = new CollapseWatch(run.objective().onlineEncoder().embeddingSize());
        long started = System.nanoTime();
        long images = 0;
        double top1 = Double.NaN;
        for (int epoch = startEpoch; epoch < train.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            Map<String, Double> sums = new LinkedHashMap<>();
            Iterator<HostBatch> batches = loader.epoch(epoch, 0);
            for (int s = 0; batches.hasNext(); s++) {
                long global = (long) epoch * steps + s;
                double lr = schedule.at(global);
                Map<String, Double> values;
                try {
                    values = step.run(batches.next(), lr,
                            TrainingProgress.of(global, (long) train.epochs() * steps, epoch));
                } catch (TrainingStep.NonFiniteLossException e) {
                    metrics.write(Map.of("type", "error", "epoch", epoch + 1, "step", global + 1,
                            "message", e.getMessage()));
                    throw new UserError(UserError.TRAINING, "epoch " + (epoch + 1) + " step " + (s + 1) + ": "
                            + e.getMessage() + ". Training stopped; " + kept(directory, "lower train.lr and "));
                } catch (UserError e) {
                    throw e;
                } catch (RuntimeException | LinkageError e) {
                    // most often a plugin's exception: the caller names the plugin, this says what is left
                    throw new RunStopped("training stopped at epoch " + (epoch + 1) + " step " + (s + 1) + "; "
                            + kept(directory, ""), e);
                }
                values.forEach((name, value) -> sums.merge(name, value, Double::sum));
                images += train.batchSize();
                double seconds = (System.nanoTime() - started) / 1e9;
                double rate = images / seconds;
                long left = (long) (train.epochs() - startEpoch) * steps - (images / train.batchSize());
                progress.update(epoch + 1, train.epochs(), s + 1, steps, values, lr, rate,
                        left * train.batchSize() / rate);
                if ((global + 1) % train.logEvery() == 0) {
                    Map<String, Object> record = new LinkedHashMap<>();
                    record.put("type", "step");
                    record.put("epoch", epoch + 1);
                    record.put("step", global + 1);
                    record.putAll(values);
                    record.put("lr", lr);
                    record.put("images_per_s", rate);
                    record.put("data_wait_share", loader.waitNanos() / 1e9 / seconds);
                    metrics.write(record);
                }
            }
            boolean last = epoch == train.epochs() - 1;
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("type", "epoch");
            record.put("epoch", epoch + 1);
            sums.forEach((name, sum) -> record.put(name, sum / steps));
            record.put("epoch_s", (System.nanoTime() - epochStart) / 1e9);
            String collapse = collapseWatch.warning(record);
            if (collapse != null) {
                out.println("warning: " + collapse);
                metrics.write(Map.of("type", "warning", "epoch", epoch + 1, "message", collapse));
            }
            if (config.knn().everyEpoch() || last) {
                long knnStart = System.nanoTime();
                Map<String, Double> accuracy = knn.evaluate(run.objective().onlineEncoder(), run.strongTest(),
                        probe, manager);
                top1 = accuracy.get("knn_top1");
                record.putAll(accuracy);
                record.put("knn_s", (System.nanoTime() - knnStart) / 1e9);
                out.println("epoch " + (epoch + 1) + ": " + RunEvaluation.summary(accuracy));
            }
            metrics.write(record);
            Checkpoint.write(directory.lastCheckpoint(), epoch + 1, state);
            if (train.checkpointEvery() > 0 && (epoch + 1) % train.checkpointEvery() == 0) {
                Checkpoint.writeAtomically(directory.epochCheckpoint(epoch + 1),
                        Files.readAllBytes(directory.lastCheckpoint()));
            }
        }
        return top1;
    }

    /**
     * What follows the last epoch, in an order that makes an interrupted finish resumable: the
     * evaluations of {@code eval:}, then {@code encoder.params} (whose presence marks a finished
     * run), then {@code report.md}.
     */
    private void finish(RunConfig config, RunAssembly run, Datasets.Loaded data, RunDirectory directory,
            NDManager manager) throws IOException {
        if (config.eval().linear()) {
            out.println("linear probe of the trained encoder...");
            Map<String, Object> results = RunEvaluation.evaluate(run.objective().onlineEncoder(), null, config, data,
                    false, true, manager);
            RunEvaluation.record(directory, directory.root().relativize(directory.lastCheckpoint()).toString(),
                    config.train().epochs(), results);
            out.println("after epoch " + config.train().epochs() + ": " + RunEvaluation.summary(results));
        }
        exportBackbone(run, directory);
        RunReport.write(directory);
    }

    /** The kNN top-1 of the run's last epoch record, for a run resumed only to finish. */
    private static double lastKnnTop1(RunDirectory directory) throws IOException {
        JsonNode last = MetricsLog.last(MetricsLog.read(directory.metrics()), "epoch");
        return last == null ? Double.NaN : last.path("knn_top1").asDouble(Double.NaN);
    }

    private static void exportBackbone(RunAssembly run, RunDirectory directory) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (DataOutputStream stream = new DataOutputStream(bytes)) {
            ResNetEncoders.backboneOf(run.objective().onlineEncoder()).saveParameters(stream);
        }
        Checkpoint.writeAtomically(directory.encoder(), bytes.toByteArray());
    }
}
