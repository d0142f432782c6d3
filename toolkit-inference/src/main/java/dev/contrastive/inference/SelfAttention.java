package dev.contrastive.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.contrastive.api.Scalars;

/**
 * Multi-head self-attention over {@code N × T × D} tokens, laid out as timm's and DINO's
 * {@code Attention}: one {@code qkv} linear layer whose {@code 3·D} outputs are queries, keys and
 * values, each split into {@code heads} heads of {@code D / heads}; {@code softmax(q·kᵀ/√d)·v};
 * the heads concatenated and projected by {@code proj}.
 */
final class SelfAttention extends AbstractBlock {

    private final int width;
    private final int heads;
    private final Linear qkv;
    private final Linear proj;

    SelfAttention(int width, int heads) {
        this.width = width;
        this.heads = heads;
        this.qkv = addChildBlock("qkv", VitInit.linear(3 * width));
        this.proj = addChildBlock("proj", VitInit.linear(width));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long n = x.getShape().get(0);
        long t = x.getShape().get(1);
        int headWidth = width / heads;
        NDArray split = qkv.forward(store, new NDList(x), training).singletonOrThrow()
                .reshape(n, t, 3, heads, headWidth).transpose(2, 0, 3, 1, 4); // 3 × N × heads × T × d
        NDArray q = split.get(0);
        NDArray k = split.get(1);
        NDArray v = split.get(2);
        NDArray weights = Scalars.times(q.matMul(k.transpose(0, 1, 3, 2)), 1 / Math.sqrt(headWidth)).softmax(-1);
        NDArray mixed = weights.matMul(v).transpose(0, 2, 1, 3).reshape(n, t, width);
        return proj.forward(store, new NDList(mixed), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        qkv.initialize(manager, dataType, inputs[0]);
        proj.initialize(manager, dataType, inputs[0]);
    }
}
