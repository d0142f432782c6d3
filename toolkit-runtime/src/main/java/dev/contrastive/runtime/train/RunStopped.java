package dev.contrastive.runtime.train;

/**
 * An unexpected failure during a training step, for example a plugin's exception: carries where
 * training stopped and what the run folder still holds, with the original failure as its cause.
 */
public final class RunStopped extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RunStopped(String where, Throwable cause) {
        super(where, cause);
    }
}
