package dev.contrastive.runtime.train;

import dev.contrastive.api.TrainingProgress;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.config.TrainConfig;
import dev.contrastive.runtime.eval.Metric;
import dev.contrastive.runtime.loader.BatchLoader;
import dev.contrastive.runtime.loader.HostBatch;
import dev.contrastive.runtime.run.MetricsLog;
import dev.contrastive.runtime.run.RunDirectory;
import dev.contrastive.runtime.run.RunProgress;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training loop: steps and epochs, each announced to the {@link TrainingListener}s, which do
 * everything else (progress, metrics, checkpoints, kNN, the collapse watch). A step that fails
 * stops the run with what its folder still holds.
 */
final class TrainingLoop {

    private final TrainingStep step;
    private final BatchLoader loader;
    private final TrainConfig train;
    private final List<TrainingListener> listeners;
    private final MetricsLog metrics;
    private final RunDirectory directory;

    TrainingLoop(TrainingStep step, BatchLoader loader, TrainConfig train, List<TrainingListener> listeners,
            MetricsLog metrics, RunDirectory directory) {
        this.step = step;
        this.loader = loader;
        this.train = train;
        this.listeners = List.copyOf(listeners);
        this.metrics = metrics;
        this.directory = directory;
    }

    /** Trains the epochs left after {@code start}. */
    void run(RunProgress start) throws IOException {
        int steps = loader.batchesPerEpoch();
        LearningRate schedule = new LearningRate(train.lr(), Math.round(train.warmupEpochs() * steps),
                (long) train.epochs() * steps);
        long started = System.nanoTime();
        long images = 0;
        for (int epoch = start.epochs(); epoch < train.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            int from = epoch == start.epochs() ? start.steps() : 0;
            Map<String, Double> sums = new LinkedHashMap<>(from > 0 ? start.sums() : Map.of());
            Iterator<HostBatch> batches = loader.epoch(epoch, from);
            for (int s = from; batches.hasNext(); s++) {
                double lr = schedule.at((long) epoch * steps + s);
                Map<String, Double> values = step(batches.next(), lr, epoch, s, steps);
                values.forEach((name, value) -> sums.merge(name, value, Double::sum));
                images += train.batchSize();
                double seconds = (System.nanoTime() - started) / 1e9;
                TrainingListener.Step done = new TrainingListener.Step(epoch, s, steps, train.epochs(), values,
                        Collections.unmodifiableMap(sums), lr, images / seconds, loader.waitNanos() / 1e9 / seconds);
                tell(epoch, s, listener -> listener.onStep(done));
            }
            TrainingListener.Epoch ended = new TrainingListener.Epoch(epoch, train.epochs(), steps,
                    epochRecord(epoch, sums, steps, epochStart));
            tell(epoch, steps - 1, listener -> listener.onEpoch(ended));
        }
    }

    /** One event of the loop for a listener. */
    private interface Event {
        void tell(TrainingListener listener) throws IOException;
    }

    /** Tells every listener, in order; one that fails stops the run as a failing step does. */
    private void tell(int epoch, int s, Event event) throws IOException {
        for (TrainingListener listener : listeners) {
            try {
                event.tell(listener);
            } catch (UserError | IOException e) {
                throw e;
            } catch (RuntimeException | LinkageError e) {
                throw new RunStopped("training stopped at epoch " + (epoch + 1) + " step " + (s + 1) + " by "
                        + listener.getClass().getName() + "; " + kept(""), e);
            }
        }
    }

    /** The epoch record as the loop knows it: the step metrics' means and the epoch's time. */
    private static Map<String, Object> epochRecord(int epoch, Map<String, Double> sums, int steps, long started) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("type", "epoch");
        record.put("epoch", epoch + 1);
        sums.forEach((name, sum) -> record.put(name, sum / steps));
        record.put(Metric.EPOCH_S.key(), (System.nanoTime() - started) / 1e9);
        return record;
    }

    /** One step; a non-finite loss is logged and refused, any other failure names where the run stopped. */
    private Map<String, Double> step(HostBatch batch, double lr, int epoch, int s, int steps) {
        long global = (long) epoch * steps + s;
        try {
            return step.run(batch, lr, TrainingProgress.of(global, (long) train.epochs() * steps, epoch));
        } catch (TrainingStep.NonFiniteLossException e) {
            metrics.write(Map.of("type", "error", "epoch", epoch + 1, "step", global + 1, "message", e.getMessage()));
            throw new UserError(UserError.TRAINING, "epoch " + (epoch + 1) + " step " + (s + 1) + ": "
                    + e.getMessage() + ". Training stopped; " + kept("lower train.lr and "));
        } catch (UserError e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            // most often a plugin's exception: the caller names the plugin, this says what is left
            throw new RunStopped("training stopped at epoch " + (epoch + 1) + " step " + (s + 1) + "; " + kept(""), e);
        }
    }

    /** What a stopped run leaves: the last checkpoint and how to go on from it, or that there is none. */
    private String kept(String advice) {
        return Files.exists(directory.lastCheckpoint())
                ? "the last checkpoint " + directory.lastCheckpoint() + " is intact (" + advice
                        + "resume with --resume " + directory.root() + ")"
                : "no checkpoint had been written yet; " + advice + "start again";
    }
}
