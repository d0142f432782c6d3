package dev.contrastive.mocov3;

/**
 * The {@code mocov3:} section of a run file.
 *
 * @param temperature τ of the InfoNCE over the batch's keys (MoCo v3: 0.2); each direction's loss
 *     is scaled by {@code 2τ}, as the official code does
 * @param momentum the momentum encoder's EMA momentum at the start, raised to 1 on a cosine over
 *     the run (MoCo v3: 0.99)
 */
public record Mocov3Config(Double temperature, Double momentum) {

    /** Fills defaults and rejects values outside their ranges. */
    public Mocov3Config {
        temperature = temperature == null ? 0.2 : temperature;
        momentum = momentum == null ? 0.99 : momentum;
        if (!(temperature > 0 && temperature <= 10)) {
            throw new IllegalArgumentException("temperature must be > 0 and at most 10, got " + temperature);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1], got " + momentum);
        }
    }
}
