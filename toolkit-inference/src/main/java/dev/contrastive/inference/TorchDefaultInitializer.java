package dev.contrastive.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * PyTorch's default for convolution and linear weights, {@code kaiming_uniform(a=√5)}, which is
 * {@code U(-1/√fan_in, 1/√fan_in)}: the reference recipes train with it, so parity needs it too.
 * The runtime's ResNets and heads and the ViT's learned patch projection start from it.
 */
public final class TorchDefaultInitializer implements Initializer {

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        long fanIn = shape.dimension() > 1 ? shape.size() / shape.get(0) : shape.get(0);
        float bound = (float) (1 / Math.sqrt(fanIn));
        return manager.randomUniform(-bound, bound, shape, dataType);
    }
}
