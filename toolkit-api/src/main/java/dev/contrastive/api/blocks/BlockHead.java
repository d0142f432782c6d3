package dev.contrastive.api.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.contrastive.api.Head;

import java.util.List;
import java.util.Map;

/**
 * A {@link Head} made of one initialised DJL block, its parameters named after DJL's keys.
 *
 * @since 0.2.0
 */
public final class BlockHead implements Head {

    private final Block block;
    private final int outputSize;
    private final ParameterStore store;

    /**
     * @param block inputs to outputs, initialised
     * @param outputSize the block's output width
     * @param store the parameter store of its forward passes
     */
    public BlockHead(Block block, int outputSize, ParameterStore store) {
        this.block = block;
        this.outputSize = outputSize;
        this.store = store;
    }

    @Override
    public NDArray forward(NDArray input, boolean training) {
        return block.forward(store, new NDList(input), training).singletonOrThrow();
    }

    @Override
    public int outputSize() {
        return outputSize;
    }

    @Override
    public List<Parameter> trainableParameters() {
        return BlockParameters.trainable(BlockParameters.named("", block));
    }

    @Override
    public Map<String, NDArray> state() {
        return BlockParameters.arrays(BlockParameters.named("", block));
    }
}
