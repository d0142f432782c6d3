package dev.contrastive.api.blocks;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import dev.contrastive.api.HeadSpec;

/**
 * The DJL block of a {@link HeadSpec}, not initialised: per layer its linear map, then its norm and
 * activation (a bottleneck: the L2 normalisation of its rows). The default head,
 * {@link HeadSpec#standard}, makes the same blocks in the same order as the toolkit's MLP heads
 * always have, so its parameters have the same names.
 *
 * @since 0.3.0
 */
public final class HeadBlocks {

    private HeadBlocks() {
    }

    /** The head's layers as one sequential block. */
    public static SequentialBlock of(HeadSpec spec) {
        SequentialBlock head = new SequentialBlock();
        for (HeadSpec.Layer layer : spec.layers()) {
            switch (layer.kind()) {
                case WEIGHT_NORM -> head.add(new WeightNormLinear(layer.units()));
                case BOTTLENECK -> head.add(linear(layer))
                        .add(LambdaBlock.singleton(x -> x.normalize(2, 1, 1e-12), "l2"));
                case LINEAR -> {
                    head.add(linear(layer));
                    norm(layer.norm(), head);
                    activation(layer.activation(), head);
                }
            }
        }
        return head;
    }

    private static Block linear(HeadSpec.Layer layer) {
        return Linear.builder().setUnits(layer.units()).optBias(layer.bias()).build();
    }

    private static void norm(HeadSpec.Norm norm, SequentialBlock head) {
        switch (norm) {
            case BATCH -> head.add(BatchNorm.builder().build());
            case LAYER -> head.add(LayerNorm.builder().axis(1).build());
            case NONE -> { }
        }
    }

    private static void activation(HeadSpec.Activation activation, SequentialBlock head) {
        switch (activation) {
            case RELU -> head.add(Activation.reluBlock());
            case GELU -> head.add(Activation.geluBlock());
            case NONE -> { }
        }
    }
}
