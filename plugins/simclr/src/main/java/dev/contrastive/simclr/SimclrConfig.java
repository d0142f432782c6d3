package dev.contrastive.simclr;

/**
 * The {@code simclr:} section of a run file.
 *
 * @param temperature NT-Xent temperature τ (SimCLR's CIFAR value 0.5 by default)
 */
public record SimclrConfig(Double temperature) {

    /** Fills the default and rejects a temperature that is not positive. */
    public SimclrConfig {
        temperature = temperature == null ? 0.5 : temperature;
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
    }
}
