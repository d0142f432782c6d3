package dev.contrastive.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.contrastive.api.Head;

import java.util.List;
import java.util.Map;

/** A {@link Head} made of one DJL block. */
final class BlockHead implements Head {

    private final Block block;
    private final int outputSize;
    private final ParameterStore store;

    BlockHead(Block block, int outputSize, ParameterStore store) {
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
