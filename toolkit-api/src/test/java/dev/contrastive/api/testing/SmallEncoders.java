package dev.contrastive.api.testing;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import dev.contrastive.api.Encoder;
import dev.contrastive.api.EncoderFactory;
import dev.contrastive.api.Head;
import dev.contrastive.api.HeadSpec;
import dev.contrastive.api.blocks.BlockEncoder;
import dev.contrastive.api.blocks.BlockHead;
import dev.contrastive.api.blocks.HeadBlocks;

/**
 * An {@link EncoderFactory} of tiny encoders for plugins' unit tests, built from the same
 * {@link BlockEncoder} as the runtime's ResNets: the backbone is one 3×3 convolution with ReLU
 * and global average pooling ({@value #FEATURES} features, any image size), heads are MLPs of {@value #HIDDEN} hidden units,
 * optionally with BatchNorm, to {@value #EMBEDDING} dimensions. Fast enough for many steps per test.
 */
public final class SmallEncoders implements EncoderFactory {

    /** Backbone output width. */
    public static final int FEATURES = 16;
    /** Hidden width of heads. */
    public static final int HIDDEN = 16;
    /** Projection and embedding width. */
    public static final int EMBEDDING = 8;

    private final NDManager manager;
    private final Shape imageShape;
    private final ParameterStore store;

    /**
     * @param manager owns the parameters
     * @param channels image channels
     * @param size image side in pixels
     */
    public SmallEncoders(NDManager manager, int channels, int size) {
        this.manager = manager;
        this.imageShape = new Shape(2, channels, size, size);
        this.store = new ParameterStore(manager, false);
    }

    @Override
    public Encoder create(boolean trainable, boolean headBatchNorm) {
        return encoder(trainable, mlp(headBatchNorm), EMBEDDING);
    }

    /** {@value #HIDDEN}. */
    @Override
    public int headHidden() {
        return HIDDEN;
    }

    /** {@value #EMBEDDING}. */
    @Override
    public int headDim() {
        return EMBEDDING;
    }

    /** An encoder with {@code projector}'s head over the {@value #FEATURES} features. */
    @Override
    public Encoder create(boolean trainable, HeadSpec projector) {
        return encoder(trainable, HeadBlocks.of(projector), projector.outputSize());
    }

    @Override
    public Head createHead(int inputSize, boolean batchNorm) {
        return new BlockHead(initialised(mlp(batchNorm), new Shape(2, inputSize)), EMBEDDING, store);
    }

    @Override
    public Head createHead(int inputSize, HeadSpec spec) {
        return new BlockHead(initialised(HeadBlocks.of(spec), new Shape(2, inputSize)), spec.outputSize(), store);
    }

    private Encoder encoder(boolean trainable, Block headBlock, int embedding) {
        // a convolution and global pooling, so that views of any size go through
        Block backbone = initialised(new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(FEATURES)
                        .build())
                .add(Activation.reluBlock()).add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock()),
                imageShape);
        Block head = initialised(headBlock, new Shape(2, FEATURES));
        if (!trainable) {
            backbone.freezeParameters(true);
            head.freezeParameters(true);
        }
        return new BlockEncoder(backbone, FEATURES, head, embedding, store);
    }

    private static Block mlp(boolean batchNorm) {
        SequentialBlock mlp = new SequentialBlock().add(Linear.builder().setUnits(HIDDEN).build());
        if (batchNorm) {
            mlp.add(BatchNorm.builder().build());
        }
        return mlp.add(Activation.reluBlock()).add(Linear.builder().setUnits(EMBEDDING).build());
    }

    private Block initialised(Block block, Shape input) {
        block.initialize(manager, DataType.FLOAT32, input);
        return block;
    }
}
