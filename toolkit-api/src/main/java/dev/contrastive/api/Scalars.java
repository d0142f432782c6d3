package dev.contrastive.api;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar arithmetic that is safe inside the gradient collector. DJL's {@code x.div(0.2)} wraps
 * the number in a tensor over a Java direct buffer and closes it right away; autograd keeps that
 * tensor for the backward pass, and once the garbage collector frees the buffer the backward
 * reads freed memory (seen here as NaN gradients a few hundred steps into moco+clsa). The
 * scalars made here live in native memory owned by the tensor, on the operand's manager.
 */
public final class Scalars {

    private Scalars() {
    }

    /** {@code x * factor}. */
    public static NDArray times(NDArray x, double factor) {
        return x.mul(constant(x, factor));
    }

    /** {@code x + addend}. */
    public static NDArray plus(NDArray x, double addend) {
        return x.add(constant(x, addend));
    }

    /** {@code x / divisor}. */
    public static NDArray divide(NDArray x, double divisor) {
        return x.div(constant(x, divisor));
    }

    /**
     * A 0-d tensor of {@code like}'s type in native memory. The in-place multiply borrows a
     * Java-made scalar only for the duration of the call, outside any autograd graph.
     */
    private static NDArray constant(NDArray like, double value) {
        NDArray constant = like.getManager().ones(new Shape(), like.getDataType());
        return constant.muli(value);
    }
}
