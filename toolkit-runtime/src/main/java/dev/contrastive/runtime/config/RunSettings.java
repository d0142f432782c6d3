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
        if (!name.matches("[\\p{L}\\p{M}\\p{N}._+-]+")) {
            throw new IllegalArgumentException("name may hold letters and digits of any script and . _ + - only "
                    + "(it names the run's folder)");
        }
    }
}
