package dev.contrastive.api;

/**
 * Where a run stands, handed to every objective of the chain before each step (see
 * {@link BaseRun#beforeStep}). A schedule computed from it, such as BYOL's momentum,
 * continues exactly after {@code --resume}, because the runtime restores the step count.
 */
public final class TrainingProgress {

    private final long step;
    private final long totalSteps;
    private final int epoch;

    private TrainingProgress(long step, long totalSteps, int epoch) {
        if (totalSteps < 1 || step < 0 || step >= totalSteps || epoch < 0) {
            throw new IllegalArgumentException("bad progress: step " + step + " of " + totalSteps
                    + ", epoch " + epoch);
        }
        this.step = step;
        this.totalSteps = totalSteps;
        this.epoch = epoch;
    }

    /**
     * @param step the step about to run, counted from 0 over the whole run
     * @param totalSteps steps of the whole run, at least {@code step + 1}
     * @param epoch the epoch of that step, counted from 0
     */
    public static TrainingProgress of(long step, long totalSteps, int epoch) {
        return new TrainingProgress(step, totalSteps, epoch);
    }

    /** The step about to run, counted from 0 over the whole run. */
    public long step() {
        return step;
    }

    /** Steps of the whole run. */
    public long totalSteps() {
        return totalSteps;
    }

    /** The epoch of this step, counted from 0. */
    public int epoch() {
        return epoch;
    }

    /** {@code step / totalSteps}, in [0, 1). */
    public double fraction() {
        return (double) step / totalSteps;
    }

    @Override
    public String toString() {
        return "step " + step + "/" + totalSteps + " (epoch " + epoch + ")";
    }
}
