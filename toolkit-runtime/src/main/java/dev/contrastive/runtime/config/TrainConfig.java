package dev.contrastive.runtime.config;

/**
 * The {@code train:} section: SGD with momentum, cosine schedule after a linear warm-up.
 *
 * @param epochs passes over the training images
 * @param batchSize images per step
 * @param lr peak learning rate
 * @param momentum SGD momentum
 * @param weightDecay L2 penalty, applied to every parameter (as the reference recipes do)
 * @param warmupEpochs linear warm-up from 0 to {@code lr}, in epochs (may be fractional)
 * @param threads intra-op threads of the PyTorch engine
 * @param logEvery steps between lines of {@code metrics.jsonl}
 * @param checkpointEvery keep {@code checkpoints/epoch-N.ckpt} every this many epochs, besides
 *     {@code last.ckpt}; 0 keeps only {@code last.ckpt}
 * @param checkpointEverySteps also write {@code last.ckpt} every this many steps within an epoch,
 *     so a crash loses at most that many; 0 (the default) only at the end of each epoch
 */
public record TrainConfig(Integer epochs, Integer batchSize, Double lr, Double momentum,
        Double weightDecay, Double warmupEpochs, Integer threads, Integer logEvery, Integer checkpointEvery,
        Integer checkpointEverySteps) {

    /** Fills defaults and validates. */
    public TrainConfig {
        epochs = epochs == null ? 5 : epochs;
        batchSize = batchSize == null ? 128 : batchSize;
        lr = lr == null ? 0.06 * batchSize / 256 : lr;
        momentum = momentum == null ? 0.9 : momentum;
        weightDecay = weightDecay == null ? 5e-4 : weightDecay;
        warmupEpochs = warmupEpochs == null ? 0.0 : warmupEpochs;
        threads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        logEvery = logEvery == null ? 20 : logEvery;
        checkpointEvery = checkpointEvery == null ? 0 : checkpointEvery;
        checkpointEverySteps = checkpointEverySteps == null ? 0 : checkpointEverySteps;
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 2) {
            throw new IllegalArgumentException("batch_size must be >= 2, got " + batchSize);
        }
        if (!(lr > 0) || !(momentum >= 0 && momentum < 1) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("need lr > 0, 0 <= momentum < 1, weight_decay >= 0");
        }
        if (!(warmupEpochs >= 0) || warmupEpochs > epochs) {
            throw new IllegalArgumentException("warmup_epochs must be in [0, epochs]");
        }
        if (threads < 1 || logEvery < 1) {
            throw new IllegalArgumentException("threads and log_every must be >= 1");
        }
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("checkpoint_every must be >= 0 (0: only last.ckpt), got "
                    + checkpointEvery);
        }
        if (checkpointEverySteps < 0) {
            throw new IllegalArgumentException("checkpoint_every_steps must be >= 0 (0: at the end of each epoch "
                    + "only), got " + checkpointEverySteps);
        }
    }
}
