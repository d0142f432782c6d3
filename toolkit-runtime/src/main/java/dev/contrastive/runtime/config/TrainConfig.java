package dev.contrastive.runtime.config;

/**
 * The {@code train:} section: SGD with momentum or AdamW, cosine schedule after a linear warm-up.
 *
 * @param epochs passes over the training images
 * @param batchSize images per step
 * @param lr peak learning rate
 * @param momentum SGD's momentum; null under AdamW, which takes PyTorch's betas (0.9 and 0.999)
 * @param weightDecay applied to every parameter (as the reference recipes do): SGD's L2 penalty
 *     added to the gradient, AdamW's decoupled decay ({@code w -= lr·wd·w})
 * @param warmupEpochs linear warm-up from 0 to {@code lr}, in epochs (may be fractional)
 * @param threads intra-op threads of the PyTorch engine
 * @param logEvery steps between lines of {@code metrics.jsonl}
 * @param checkpointEvery keep {@code checkpoints/epoch-N.ckpt} every this many epochs, besides
 *     {@code last.ckpt}; 0 keeps only {@code last.ckpt}
 * @param checkpointEverySteps also write {@code last.ckpt} every this many steps within an epoch,
 *     so a crash loses at most that many; 0 (the default) only at the end of each epoch
 * @param optimizer {@code sgd} (the default) or {@code adamw}, as PyTorch's
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record TrainConfig(Integer epochs, Integer batchSize, Double lr, Double momentum,
        Double weightDecay, Double warmupEpochs, Integer threads, Integer logEvery, Integer checkpointEvery,
        Integer checkpointEverySteps, String optimizer) {

    /** {@link #optimizer}: SGD with momentum. */
    public static final String SGD = "sgd";

    /** {@link #optimizer}: PyTorch's AdamW, MoCo v3's and DINO's for ViTs. */
    public static final String ADAMW = "adamw";

    /** The most epochs a run may have. */
    public static final int MAX_EPOCHS = 100_000;

    /** The largest batch: its views, activations and gradients must fit in memory. */
    public static final int MAX_BATCH_SIZE = 4096;

    /** Fills defaults and validates; each setting has its range, given in the message. */
    public TrainConfig {
        epochs = epochs == null ? 5 : epochs;
        batchSize = batchSize == null ? 128 : batchSize;
        lr = lr == null ? 0.06 * batchSize / 256 : lr;
        optimizer = optimizer == null ? SGD : optimizer;
        if (!optimizer.equals(SGD) && !optimizer.equals(ADAMW)) {
            throw new IllegalArgumentException("optimizer '" + optimizer + "' is not known; allowed: " + SGD + ", "
                    + ADAMW);
        }
        if (optimizer.equals(ADAMW) && momentum != null) {
            throw new IllegalArgumentException("momentum is SGD's; adamw takes PyTorch's betas (0.9, 0.999): "
                    + "leave momentum out");
        }
        momentum = momentum == null && optimizer.equals(SGD) ? Double.valueOf(0.9) : momentum; // null: no key in an AdamW run's config.yaml
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
        if (momentum != null && !(momentum >= 0 && momentum < 1)) {
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
