package dev.contrastive.dino;

import dev.contrastive.api.HeadSpec;
import dev.contrastive.api.HeadSpec.Activation;
import dev.contrastive.api.HeadSpec.Layer;
import dev.contrastive.api.HeadSpec.Norm;

/**
 * DINO's head (facebookresearch/dino {@code DINOHead}, three layers, no BatchNorm), split in two:
 * the projector up to the L2-normalised bottleneck, part of the encoder (exported with it), and
 * the weight-normalised prototype layer, a head of its own with a teacher of its own.
 */
final class DinoHeads {

    private DinoHeads() {
    }

    /**
     * {@code features → hidden → hidden → bottleneck}, GELU after the hidden layers (BatchNorm before
     * each GELU when {@code batchNorm}: the official {@code use_bn_in_head}), the output L2-normalised.
     */
    static HeadSpec projector(int hidden, int bottleneck, boolean batchNorm) {
        return HeadSpec.of(hiddenLayer(hidden, batchNorm), hiddenLayer(hidden, batchNorm), Layer.bottleneck(bottleneck));
    }

    private static Layer hiddenLayer(int units, boolean batchNorm) {
        return Layer.linear(units).withNorm(batchNorm ? Norm.BATCH : Norm.NONE).withActivation(Activation.GELU);
    }

    /** The K prototypes: {@code weight_norm(Linear(bottleneck, K, bias=False))} with the gain fixed at 1. */
    static HeadSpec prototypes(int count) {
        return HeadSpec.of(Layer.weightNormalized(count));
    }
}
