package org.example.ssl.barlow;

/**
 * The {@code barlow:} section of a run file. Absent keys arrive as {@code null} and take the
 * paper's values.
 *
 * @param lambda weight λ of the off-diagonal (redundancy-reduction) term, {@code > 0}; default
 *     {@code 0.0051}, the paper's value for an 8192-wide projector
 */
public record BarlowConfig(Double lambda) {

    /** The paper's λ. */
    public static final double DEFAULT_LAMBDA = 0.0051;

    /**
     * Fills the default and rejects a λ that is not positive. The message starts with the key,
     * so the host's error points at the {@code lambda:} line.
     */
    public BarlowConfig {
        lambda = lambda == null ? DEFAULT_LAMBDA : lambda;
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("lambda must be > 0, got " + lambda);
        }
        if (lambda.isInfinite()) {
            throw new IllegalArgumentException("lambda must be finite, got " + lambda);
        }
    }
}
