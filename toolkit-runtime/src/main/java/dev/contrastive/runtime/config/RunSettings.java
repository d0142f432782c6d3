package dev.contrastive.runtime.config;

/**
 * The top-level scalar keys of a run file.
 *
 * @param name run name, the prefix of its directory under {@code runs/}
 * @param seed seeds weights, data order and augmentation
 * @param objective the objective chain, e.g. {@code moco} or {@code moco+clsa}
 */
public record RunSettings(String name, Long seed, String objective) {

    /** Fills defaults and validates. */
    public RunSettings {
        name = name == null ? "run" : name;
        seed = seed == null ? 0L : seed;
        if (objective == null || objective.isBlank()) {
            throw new IllegalArgumentException("objective is required, e.g. objective: moco");
        }
        if (!name.matches("[A-Za-z0-9._+-]+")) {
            throw new IllegalArgumentException("name may hold letters, digits and . _ + - only");
        }
    }
}
