package dev.contrastive.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.List;

/**
 * A small Vision Transformer, {@code N × C × H × W -> N × D}: a {@code p × p} stride-{@code p}
 * convolution projects patches to tokens of width {@code D}, {@link PatchTokens} prepends the
 * class token and adds positions, {@code depth} {@link TransformerLayer}s follow, then a final
 * LayerNorm; the features are the class token's. The layout and initialisation are DINO's
 * {@code vision_transformer.py} (the learned patch projection takes PyTorch's default weights, zero biases as every bias here),
 * so that {@code toolkit export} writes its weights under DINO's and timm's names. With
 * {@link VitSpec#randomPatchProjection()} the projection is MoCo v3's: uniform in
 * {@code ±√(6 / (C·p² + D))}, zero bias, frozen.
 *
 * <p>An image side that is not a multiple of {@code p} loses its last rows and columns, as the
 * convolution drops them (DINO's ViT does the same); the runtime refuses a training size that is not.
 */
public final class VisionTransformer extends AbstractBlock {

    private final int width;
    private final Conv2d patches;
    private final PatchTokens tokens;
    private final List<TransformerLayer> layers = new ArrayList<>();
    private final LayerNorm norm;

    /**
     * @param spec patch size, depth, heads, MLP ratio and projection
     * @param width the token width {@code D}, a multiple of the heads
     * @param imageSize the training image's side, which the positions are learned for
     */
    public VisionTransformer(VitSpec spec, int width, int imageSize) {
        this.width = width;
        int patch = spec.patchSize();
        if (width % spec.heads() != 0 || imageSize % patch != 0) {
            throw new IllegalArgumentException("a ViT of width " + width + " and " + spec + " cannot take "
                    + imageSize + "-px images: the heads divide the width, the patch size the image side");
        }
        this.patches = addChildBlock("patches", Conv2d.builder().setFilters(width).setKernelShape(new Shape(patch, patch))
                .optStride(new Shape(patch, patch)).optBias(true).build());
        if (spec.randomPatchProjection()) {
            patches.setInitializer((manager, shape, type) -> {
                long fanIn = shape.size() / shape.get(0);
                float bound = (float) Math.sqrt(6.0 / (fanIn + shape.get(0)));
                return manager.randomUniform(-bound, bound, shape, type);
            }, Parameter.Type.WEIGHT);
            patches.freezeParameters(true);
        } else {
            patches.setInitializer(new TorchDefaultInitializer(), Parameter.Type.WEIGHT);
        }
        this.tokens = addChildBlock("tokens", new PatchTokens(imageSize / patch, width));
        for (int i = 0; i < spec.depth(); i++) {
            layers.add(addChildBlock("layer", new TransformerLayer(width, spec.heads(), width * spec.mlpRatio())));
        }
        this.norm = addChildBlock("norm", VitInit.layerNorm());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDList x = tokens.forward(store, patches.forward(store, inputs, training), training);
        for (TransformerLayer layer : layers) {
            x = layer.forward(store, x, training);
        }
        NDArray normed = norm.forward(store, x, training).singletonOrThrow();
        return new NDList(normed.get(new NDIndex(":, 0")));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), width())};
    }

    /** The token width, which is the feature size. */
    public int width() {
        return width;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        patches.initialize(manager, dataType, inputs[0]);
        Shape map = patches.getOutputShapes(inputs)[0];
        tokens.initialize(manager, dataType, map);
        Shape sequence = tokens.getOutputShapes(new Shape[] {map})[0];
        for (TransformerLayer layer : layers) {
            layer.initialize(manager, dataType, sequence);
        }
        norm.initialize(manager, dataType, sequence);
    }
}
