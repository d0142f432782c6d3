package org.example.ssl.barlow;

import ai.djl.ndarray.NDArray;
import dev.contrastive.api.Scalars;

/**
 * The Barlow Twins loss (Zbontar et al. 2021) as pure functions of two projection matrices:
 * {@code Σ_i (1 − C_ii)² + λ · Σ_{i≠j} C_ij²}, where {@code C = z1nᵀ z2n / N} is the
 * {@code D × D} cross-correlation of the two views and {@code zn} a projection standardised per
 * dimension over the batch, {@code (z − mean) / sqrt(var + ε)} with the biased variance and
 * {@code ε = 1e-5} (the paper's {@code BatchNorm1d(affine=False)}). {@code reference/barlow_golden.py}
 * computes the same in PyTorch. Works in the inputs' data type (float32 in training, float64 in
 * the golden test); the result belongs to the first input's manager.
 */
public final class CrossCorrelationLoss {

    /** The variance floor inside the square root, BatchNorm1d's default. */
    public static final double EPSILON = 1e-5;

    private CrossCorrelationLoss() {
    }

    /**
     * The loss.
     *
     * @param z1 {@code N × D} raw projections of the first view, with gradients
     * @param z2 {@code N × D} raw projections of the second view, row {@code i} the same image
     * @param lambda weight of the off-diagonal (redundancy-reduction) term, {@code > 0}
     * @return a scalar
     */
    public static NDArray loss(NDArray z1, NDArray z2, double lambda) {
        NDArray a = standardise(z1);
        NDArray b = standardise(z2);
        long n = z1.getShape().get(0);
        NDArray c = Scalars.divide(a.transpose().matMul(b), n);
        // C_ii straight from the rows (Σ_n a_ni b_ni / N): no identity matrix, no mask to build
        NDArray diagonal = Scalars.divide(a.mul(b).sum(new int[] {0}), n);
        NDArray onDiagonal = Scalars.plus(diagonal.neg(), 1).square().sum();
        // Σ_{i≠j} C_ij² = Σ C² − Σ C_ii²
        NDArray offDiagonal = c.square().sum().sub(diagonal.square().sum());
        return onDiagonal.add(Scalars.times(offDiagonal, lambda));
    }

    /**
     * The {@code D × D} cross-correlation {@code C = z1nᵀ z2n / N}; for tests and diagnostics.
     */
    public static NDArray crossCorrelation(NDArray z1, NDArray z2) {
        return Scalars.divide(standardise(z1).transpose().matMul(standardise(z2)), z1.getShape().get(0));
    }

    /** Each column to mean 0 and (biased) variance 1 over the batch, ε inside the square root. */
    static NDArray standardise(NDArray z) {
        NDArray centred = z.sub(z.mean(new int[] {0}, true));
        NDArray variance = centred.square().mean(new int[] {0}, true);
        return centred.div(Scalars.plus(variance, EPSILON).sqrt());
    }
}
