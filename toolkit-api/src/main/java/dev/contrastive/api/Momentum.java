package dev.contrastive.api;

/**
 * The schedule of a momentum teacher's EMA ({@link BaseContext#teacher}): after every optimiser
 * step the runtime sets {@code teacher = m · teacher + (1 − m) · online} with {@code m} at that
 * step's progress.
 *
 * @since 0.3.0
 */
public final class Momentum {

    private final double base;
    private final boolean cosineToOne;

    private Momentum(double base, boolean cosineToOne) {
        if (!(base >= 0 && base <= 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1], got " + base);
        }
        this.base = base;
        this.cosineToOne = cosineToOne;
    }

    /** The same {@code m} at every step (MoCo v2). */
    public static Momentum constant(double m) {
        return new Momentum(m, false);
    }

    /** {@code 1 − (1 − base) · (cos(π · step / total) + 1) / 2}: from {@code base} to 1 over the run (BYOL). */
    public static Momentum cosineToOne(double base) {
        return new Momentum(base, true);
    }

    /** The momentum at {@code progress}. */
    public double at(TrainingProgress progress) {
        return cosineToOne ? 1 - (1 - base) * (Math.cos(Math.PI * progress.fraction()) + 1) / 2 : base;
    }
}
