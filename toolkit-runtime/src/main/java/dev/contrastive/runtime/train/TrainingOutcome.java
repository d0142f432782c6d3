package dev.contrastive.runtime.train;

import java.nio.file.Path;

/**
 * What a finished run reports.
 *
 * @param runDirectory where everything was written
 * @param knnTop1 final kNN top-1 on the test split
 * @param epochs epochs completed
 * @param trainSeconds wall time of the training steps of this invocation
 * @param imagesPerSecond training throughput of this invocation
 * @param dataWaitShare fraction of training wall time spent waiting for the loader
 */
public record TrainingOutcome(Path runDirectory, double knnTop1, int epochs, double trainSeconds,
        double imagesPerSecond, double dataWaitShare) {
}
