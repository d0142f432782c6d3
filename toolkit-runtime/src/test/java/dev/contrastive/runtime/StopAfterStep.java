package dev.contrastive.runtime;

import dev.contrastive.runtime.train.TrainingListener;

/**
 * A fault for tests of resuming: stops training right after the first checkpoint written at or
 * after a step, as a crash there would, with exit code 5.
 */
public final class StopAfterStep implements TrainingListener {

    private final long step;

    /** @param step the step at or after which the next checkpoint is the last one written */
    public StopAfterStep(long step) {
        this.step = step;
    }

    @Override
    public void onCheckpoint(Checkpointed checkpoint) {
        if (checkpoint.stepsDone() >= step) {
            throw new UserError(UserError.TRAINING, "stopped after step " + checkpoint.stepsDone()
                    + " by the test's fault; resume with --resume " + checkpoint.run());
        }
    }
}
