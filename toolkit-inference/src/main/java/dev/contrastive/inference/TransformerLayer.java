package dev.contrastive.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One pre-norm transformer layer, DINO's and timm's {@code Block} without dropout:
 * {@code x + attention(norm1(x))}, then {@code x + fc2(gelu(fc1(norm2(x))))}, GELU exact (erf).
 */
final class TransformerLayer extends AbstractBlock {

    private final LayerNorm norm1;
    private final SelfAttention attention;
    private final LayerNorm norm2;
    private final Linear fc1;
    private final Linear fc2;

    /**
     * @param width the token width
     * @param heads attention heads
     * @param mlpHidden the MLP's hidden units
     */
    TransformerLayer(int width, int heads, int mlpHidden) {
        this.norm1 = addChildBlock("norm1", VitInit.layerNorm());
        this.attention = addChildBlock("attention", new SelfAttention(width, heads));
        this.norm2 = addChildBlock("norm2", VitInit.layerNorm());
        this.fc1 = addChildBlock("fc1", VitInit.linear(mlpHidden));
        this.fc2 = addChildBlock("fc2", VitInit.linear(width));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray attended = x.add(attention.forward(store, norm1.forward(store, new NDList(x), training), training)
                .singletonOrThrow());
        NDList hidden = fc1.forward(store, norm2.forward(store, new NDList(attended), training), training);
        NDArray mlp = fc2.forward(store, new NDList(Activation.gelu(hidden.singletonOrThrow())), training)
                .singletonOrThrow();
        return new NDList(attended.add(mlp));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        norm1.initialize(manager, dataType, inputs[0]);
        attention.initialize(manager, dataType, inputs[0]);
        norm2.initialize(manager, dataType, inputs[0]);
        fc1.initialize(manager, dataType, inputs[0]);
        fc2.initialize(manager, dataType, fc1.getOutputShapes(new Shape[] {inputs[0]})[0]);
    }
}
