package dev.contrastive.runtime.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Watches a run's training loop, as DJL's {@code TrainingListener} does EasyTrain's: the loop
 * only runs steps and epochs, and the progress bar, {@code metrics.jsonl} and TensorBoard, the
 * checkpoints, the collapse watch and the kNN monitor are listeners of it. Listeners of your own
 * ({@code ContrastiveToolkit.Builder#listener}) are told after the toolkit's; an exception one
 * throws stops the run as a failing step does, its checkpoints kept.
 */
public interface TrainingListener {

    /**
     * After every training step.
     *
     * @throws IOException if writing what the step leaves fails
     */
    default void onStep(Step step) throws IOException {
    }

    /**
     * After every epoch; listeners earlier in the list may add to {@link Epoch#record()}, which
     * the metrics log writes.
     *
     * @throws IOException if writing what the epoch leaves fails
     */
    default void onEpoch(Epoch epoch) throws IOException {
    }

    /**
     * After a checkpoint was written ({@code checkpoints/last.ckpt}): a point a stopped run resumes
     * from.
     */
    default void onCheckpoint(Checkpointed checkpoint) {
    }

    /**
     * A finished step.
     *
     * @param epoch the epoch, from 0
     * @param step the step within the epoch, from 0
     * @param stepsPerEpoch steps in every epoch
     * @param epochs epochs the run trains
     * @param values the step's metrics (loss and its terms, {@code embedding_std}, ...)
     * @param sums the running sums of the epoch's step metrics so far, this step's included
     * @param lr the learning rate the step used
     * @param imagesPerSecond training images per second since this process started training
     * @param dataWaitShare the share of that time spent waiting for batches
     */
    record Step(int epoch, int step, int stepsPerEpoch, int epochs, Map<String, Double> values,
            Map<String, Double> sums, double lr, double imagesPerSecond, double dataWaitShare) {

        /** Steps done in the whole run, this one included. */
        public long done() {
            return (long) epoch * stepsPerEpoch + step + 1;
        }

        /** Steps the whole run trains. */
        public long total() {
            return (long) epochs * stepsPerEpoch;
        }

        /** Whether this is the last step of its epoch. */
        public boolean endsEpoch() {
            return step + 1 == stepsPerEpoch;
        }
    }

    /**
     * A finished epoch.
     *
     * @param epoch the epoch, from 0
     * @param epochs epochs the run trains
     * @param stepsPerEpoch steps in every epoch
     * @param record its {@code metrics.jsonl} record, in the making: {@code type}, {@code epoch},
     *     the step metrics' means and {@code epoch_s}, then what listeners add
     */
    record Epoch(int epoch, int epochs, int stepsPerEpoch, Map<String, Object> record) {

        /** Whether this is the run's last epoch. */
        public boolean last() {
            return epoch + 1 == epochs;
        }

        /** Steps done in the whole run at this epoch's end. */
        public long done() {
            return (epoch + 1L) * stepsPerEpoch;
        }
    }

    /**
     * A written checkpoint.
     *
     * @param run the run folder
     * @param stepsDone steps of the run it covers
     */
    record Checkpointed(Path run, long stepsDone) {
    }
}
