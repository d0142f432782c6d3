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

    /** The most epochs a run may have. */
    public static final int MAX_EPOCHS = 100_000;

    /** The largest batch: its views, activations and gradients must fit in memory. */
    public static final int MAX_BATCH_SIZE = 4096;

    /** Fills defaults and validates; each setting has its range, given in the message. */
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
        Bounds.check("epochs", epochs, 1, MAX_EPOCHS);
        Bounds.check("batch_size", batchSize, 2, MAX_BATCH_SIZE);
        if (!(lr > 0)) {
            throw new IllegalArgumentException("lr must be > 0, got " + lr);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        Bounds.check("weight_decay", weightDecay, 0, true, 1);
        Bounds.check("warmup_epochs", warmupEpochs, 0, true, epochs);
        Bounds.threads("threads", threads);
        Bounds.check("log_every", logEvery, 1, 1_000_000);
        Bounds.check("checkpoint_every", checkpointEvery, 0, MAX_EPOCHS);
        if (checkpointEverySteps < 0) {
            throw new IllegalArgumentException("checkpoint_every_steps must be >= 0 (0: at the end of each epoch "
                    + "only), got " + checkpointEverySteps);
        }
    }
}
