package dev.contrastive.runtime.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.contrastive.api.Encoder;
import dev.contrastive.api.EncoderFactory;
import dev.contrastive.runtime.config.ModelConfig;

import java.util.ArrayList;
import java.util.List;

/** Builds the run's ResNet encoders, initialised like PyTorch's defaults. */
public final class ResNetEncoders implements EncoderFactory {

    private final ModelConfig config;
    private final Shape inputShape;
    private final NDManager manager;
    private final ParameterStore store;

    /**
     * @param config the {@code model:} section
     * @param channels image channels
     * @param size image side in pixels
     * @param manager owns the parameters for the whole run
     */
    public ResNetEncoders(ModelConfig config, int channels, int size, NDManager manager) {
        this.config = config;
        this.inputShape = new Shape(2, channels, size, size);
        this.manager = manager;
        this.store = new ParameterStore(manager, false);
    }

    @Override
    public Encoder create(boolean trainable) {
        return build(trainable, false);
    }

    @Override
    public Encoder createWithPredictor() {
        return build(true, true);
    }

    private Encoder build(boolean trainable, boolean predictor) {
        Block backbone = initialised(ResNetBlocks.backbone(config), inputShape);
        int features = ResNetBlocks.featureSize(config);
        List<Block> heads = new ArrayList<>();
        heads.add(initialised(ResNetBlocks.mlp(config.headHidden(), config.headDim()), new Shape(2, features)));
        if (predictor) {
            heads.add(initialised(ResNetBlocks.mlp(config.headHidden(), config.headDim()),
                    new Shape(2, config.headDim())));
        }
        BlockEncoder encoder = new BlockEncoder(backbone, features, heads, config.headDim(), store);
        if (!trainable) {
            backbone.freezeParameters(true);
            heads.forEach(head -> head.freezeParameters(true));
        }
        return encoder;
    }

    private Block initialised(Block block, Shape input) {
        block.setInitializer(new TorchDefaultInitializer(), Parameter.Type.WEIGHT);
        block.initialize(manager, DataType.FLOAT32, input);
        return block;
    }

    /** The backbone of an encoder this factory built, for saving with DJL. */
    public static Block backboneOf(Encoder encoder) {
        return ((BlockEncoder) encoder).backbone();
    }
}
