package dev.contrastive.runtime.config;

/**
 * The {@code log:} section: what a run writes for viewers beside {@code metrics.jsonl}.
 *
 * @param tensorboard write TensorBoard event files into the run's {@code tb/} folder as the run
 *     goes (docs/tensorboard.md); a resume may turn them on or off
 */
public record LogConfig(Boolean tensorboard) {

    /** Fills defaults. */
    public LogConfig {
        tensorboard = tensorboard == null ? Boolean.TRUE : tensorboard;
    }
}
