package dev.contrastive.simclr;

import ai.djl.ndarray.NDArray;
import dev.contrastive.api.RepresentationBank;

/**
 * SimCLR's candidates for sample i (anchor {@code a_i}): the {@code 2N − 1} other views of the
 * batch, in batch order.
 *
 * @param views {@code 2N × D} unit vectors {@code [a; b]}, detached
 */
record SimclrBank(NDArray views) implements RepresentationBank {

    @Override
    public NDArray similarities(NDArray queries) {
        return NtXent.withoutSelf(queries.matMul(views.transpose()));
    }
}
