package dev.contrastive.runtime.config;

/**
 * The {@code eval:} section: evaluations beside the kNN monitor (whose schedule is {@code knn:}'s).
 *
 * @param onlineLinear train a linear classifier during pre-training on the online backbone's
 *     detached features of the weak view, with the labels (solo-learn's online probe): a learning
 *     curve at no extra forward pass, logged per step and epoch and scored on the test split
 *     whenever the kNN monitor runs; it never touches the encoder's gradients
 * @param onlineLr the online classifier's peak learning rate; it follows the run's schedule
 * @param linear after the last epoch, the linear probe of {@code toolkit eval --linear}, into
 *     {@code metrics.jsonl} and {@code report.md}
 */
public record EvalConfig(Boolean onlineLinear, Double onlineLr, Boolean linear) {

    /** Fills defaults and validates. */
    public EvalConfig {
        onlineLinear = onlineLinear == null ? Boolean.TRUE : onlineLinear;
        onlineLr = onlineLr == null ? 0.1 : onlineLr;
        linear = linear == null ? Boolean.TRUE : linear;
        if (!(onlineLr > 0)) {
            throw new IllegalArgumentException("online_lr must be > 0, got " + onlineLr);
        }
    }
}
