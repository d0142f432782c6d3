package dev.contrastive.runtime.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.contrastive.api.Encoder;
import dev.contrastive.api.EncoderFactory;
import dev.contrastive.api.blocks.BlockEncoder;
import dev.contrastive.inference.Backbones;
import dev.contrastive.inference.ResNetBlocks;
import dev.contrastive.inference.TorchDefaultInitializer;
import dev.contrastive.api.blocks.BlockHead;
import dev.contrastive.api.blocks.HeadBlocks;
import dev.contrastive.api.Head;
import dev.contrastive.api.HeadSpec;
import dev.contrastive.runtime.config.ModelConfig;

/**
 * Builds the run's encoders: the backbone of {@code model:} ({@link Backbones}) and a head. A
 * ResNet and the heads start from PyTorch's defaults ({@link TorchDefaultInitializer}); a ViT from
 * its own, DINO's ({@link dev.contrastive.inference.VisionTransformer}).
 */
public final class BackboneEncoders implements EncoderFactory {

    private final ModelConfig config;
    private final Shape inputShape;
    private final int size;
    private final NDManager manager;
    private final ParameterStore store;

    /**
     * @param config the {@code model:} section
     * @param channels image channels
     * @param size image side in pixels
     * @param manager owns the parameters for the whole run
     */
    public BackboneEncoders(ModelConfig config, int channels, int size, NDManager manager) {
        this.config = config;
        this.inputShape = new Shape(2, channels, size, size);
        this.size = size;
        this.manager = manager;
        this.store = new ParameterStore(manager, false);
    }

    @Override
    public Encoder create(boolean trainable, boolean headBatchNorm) {
        return encoder(trainable, ResNetBlocks.mlp(config.headHidden(), config.headDim(), headBatchNorm),
                HeadSpec.standard(config.headHidden(), config.headDim(), headBatchNorm));
    }

    @Override
    public Encoder create(boolean trainable, HeadSpec projector) {
        return encoder(trainable, HeadBlocks.of(projector), projector);
    }

    @Override
    public int headHidden() {
        return config.headHidden();
    }

    @Override
    public int headDim() {
        return config.headDim();
    }

    @Override
    public Head createHead(int inputSize, boolean batchNorm) {
        return head(inputSize, ResNetBlocks.mlp(config.headHidden(), config.headDim(), batchNorm), config.headDim());
    }

    @Override
    public Head createHead(int inputSize, HeadSpec spec) {
        return head(inputSize, HeadBlocks.of(spec), spec.outputSize());
    }

    /** The backbone, then {@code head} (built from {@code spec}) over its features, initialised in that order. */
    private Encoder encoder(boolean trainable, Block head, HeadSpec spec) {
        Block backbone = Backbones.block(config.backbone(), config.width(), config.stem(), config.vit(), size);
        if (config.vit() == null) {
            backbone.setInitializer(new TorchDefaultInitializer(), Parameter.Type.WEIGHT);
        }
        backbone.initialize(manager, DataType.FLOAT32, inputShape);
        int features = config.featureSize();
        initialised(head, new Shape(2, features));
        if (!trainable) {
            backbone.freezeParameters(true);
            head.freezeParameters(true);
        }
        return new BlockEncoder(backbone, features, head, spec.outputSize(), store, spec);
    }

    private Head head(int inputSize, Block mlp, int outputSize) {
        return new BlockHead(initialised(mlp, new Shape(2, inputSize)), outputSize, store);
    }

    private Block initialised(Block block, Shape input) {
        block.setInitializer(new TorchDefaultInitializer(), Parameter.Type.WEIGHT);
        block.initialize(manager, DataType.FLOAT32, input);
        return block;
    }
}
