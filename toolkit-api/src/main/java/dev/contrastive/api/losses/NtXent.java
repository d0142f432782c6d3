package dev.contrastive.api.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.contrastive.api.Scalars;

/**
 * NT-Xent, SimCLR's loss over the batch's {@code 2N} views, and its candidate similarities, as pure
 * functions.
 *
 * @since 0.3.0
 */
public final class NtXent {

    private NtXent() {
    }

    /**
     * {@code mean_u CE(s_u / τ, pair(u))} over the {@code 2N} views {@code [a; b]}, where
     * {@code s_u} are view {@code u}'s similarities to the {@code 2N − 1} others and
     * {@code pair(u) = (u + N) mod 2N}.
     *
     * @param a {@code N × D} unit vectors of the first views
     * @param b {@code N × D} unit vectors of the second views, row i the pair of a's row i
     * @param temperature τ
     */
    public static NDArray loss(NDArray a, NDArray b, double temperature) {
        int n = (int) a.getShape().get(0);
        NDArray all = NDArrays.concat(new NDList(a, b), 0);
        NDArray logits = Scalars.divide(withoutSelf(all.matMul(all.transpose())), temperature);
        return logits.logSoftmax(1).mul(withoutSelf(pairs(a.getManager(), n))).sum(new int[] {1}).mean().neg();
    }

    /**
     * Row i's similarities without column i: {@code R × C} in, {@code R × (C − 1)} out, for
     * {@code C ≥ R}. The columns keep their order, so for anchor {@code a_i} of {@code [a; b]}
     * the candidates are the other {@code 2N − 1} views in batch order.
     */
    public static NDArray withoutSelf(NDArray similarities) {
        int rows = (int) similarities.getShape().get(0);
        int columns = (int) similarities.getShape().get(1);
        // in the flattened square block the diagonal falls every rows + 1 entries: drop the first,
        // fold the rest into rows − 1 lines of rows + 1 and cut the last column, the next diagonal
        NDArray square = similarities.get(":, 0:{}", rows);
        NDArray offDiagonal = square.flatten().get("1:").reshape(rows - 1, rows + 1).get(":, 0:{}", rows)
                .reshape(rows, rows - 1);
        return columns == rows ? offDiagonal
                : NDArrays.concat(new NDList(offDiagonal, similarities.get(":, {}:", rows)), 1);
    }

    /** {@code 2N × 2N} with 1 where column u is row u's pair, made in native memory. */
    private static NDArray pairs(NDManager manager, int n) {
        NDArray eye = manager.eye(n);
        NDArray zeros = manager.zeros(new Shape(n, n));
        return NDArrays.concat(new NDList(NDArrays.concat(new NDList(zeros, eye), 1),
                NDArrays.concat(new NDList(eye, zeros), 1)), 0);
    }
}
