package dev.contrastive.inference;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

import java.util.List;

/**
 * torchvision's ResNet-18/34 layout with BasicBlocks (two 3×3 convolutions and a residual), a
 * width multiplier, and a choice of stem; plus the MLP heads. DJL's own ResNetV1 uses
 * bottleneck blocks at these depths, which is not the architecture the literature reports. The
 * runtime trains these blocks and {@link EncoderBlockFactory} rebuilds them from a run folder: one
 * construction, so parameter names and shapes are the same on both sides.
 */
public final class ResNetBlocks {

    private ResNetBlocks() {
    }

    /**
     * Backbone ending in global average pooling: {@code N × C × H × W -> N × 8·width}.
     *
     * @param backbone {@code resnet18} or {@code resnet34}
     * @param width channels of the first stage
     * @param stem {@code cifar} (3×3 stride-1 convolution) or {@code imagenet} (7×7/2 and a max-pool)
     */
    public static SequentialBlock backbone(String backbone, int width, String stem) {
        SequentialBlock net = new SequentialBlock();
        if (stem.equals("cifar")) {
            net.add(conv(width, 3, 1, 1)).add(batchNorm()).add(Activation.reluBlock());
        } else {
            net.add(conv(width, 7, 2, 3)).add(batchNorm()).add(Activation.reluBlock())
                    .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        }
        int[] blocks = blocksPerStage(backbone);
        int channels = width;
        for (int stage = 0; stage < 4; stage++) {
            int out = width << stage;
            for (int b = 0; b < blocks[stage]; b++) {
                int stride = stage > 0 && b == 0 ? 2 : 1;
                net.add(basicBlock(channels, out, stride));
                channels = out;
            }
        }
        return net.add(Pool.globalAvgPool2dBlock());
    }

    /** Residual blocks of each of the four stages of {@code backbone}: torchvision's {@code layer1} to {@code layer4}. */
    public static int[] blocksPerStage(String backbone) {
        return backbone.equals("resnet18") ? new int[] {2, 2, 2, 2} : new int[] {3, 4, 6, 3};
    }

    /** Feature size of {@link #backbone} of {@code width}. */
    public static int featureSize(int width) {
        return width * 8;
    }

    /**
     * Linear, ReLU, linear: the MoCo v2 / SimCLR projection head; with {@code batchNorm}, BatchNorm
     * after the hidden linear layer, as BYOL's projector and predictor have.
     */
    public static SequentialBlock mlp(int hidden, int out, boolean batchNorm) {
        SequentialBlock mlp = new SequentialBlock().add(Linear.builder().setUnits(hidden).build());
        if (batchNorm) {
            mlp.add(batchNorm());
        }
        return mlp.add(Activation.reluBlock()).add(Linear.builder().setUnits(out).build());
    }

    private static Block basicBlock(int in, int out, int stride) {
        SequentialBlock main = new SequentialBlock()
                .add(conv(out, 3, stride, 1)).add(batchNorm()).add(Activation.reluBlock())
                .add(conv(out, 3, 1, 1)).add(batchNorm());
        Block shortcut = stride == 1 && in == out ? Blocks.identityBlock()
                : new SequentialBlock().add(conv(out, 1, stride, 0)).add(batchNorm());
        return new SequentialBlock()
                .add(new ParallelBlock(branches -> new NDList(branches.get(0).singletonOrThrow()
                        .add(branches.get(1).singletonOrThrow())), List.of(main, shortcut)))
                .add(Activation.reluBlock());
    }

    private static Block conv(int filters, int kernel, int stride, int padding) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(padding, padding))
                .optBias(false).build();
    }

    private static Block batchNorm() {
        return BatchNorm.builder().build();
    }
}
