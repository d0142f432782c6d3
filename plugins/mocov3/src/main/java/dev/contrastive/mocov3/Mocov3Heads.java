package dev.contrastive.mocov3;

import dev.contrastive.api.HeadSpec;
import dev.contrastive.api.HeadSpec.Activation;
import dev.contrastive.api.HeadSpec.Layer;
import dev.contrastive.api.HeadSpec.Norm;

/**
 * MoCo v3's heads (facebookresearch/moco-v3 {@code _build_mlp}: linear layers without bias,
 * BatchNorm and ReLU after each hidden one), in the run's sizes.
 */
final class Mocov3Heads {

    private Mocov3Heads() {
    }

    /**
     * The projector of three layers, BatchNorm on its output too (the ViT recipe's; the ResNet
     * recipe's has two layers). The published output BatchNorm has no affine parameters; the
     * toolkit's has them, initialised to the identity.
     */
    static HeadSpec projector(int hidden, int dim) {
        return HeadSpec.of(hiddenLayer(hidden), hiddenLayer(hidden),
                Layer.linear(dim).withBias(false).withNorm(Norm.BATCH));
    }

    /** The predictor of two layers, {@code dim → hidden → dim}, no BatchNorm on its output. */
    static HeadSpec predictor(int hidden, int dim) {
        return HeadSpec.of(hiddenLayer(hidden), Layer.linear(dim).withBias(false));
    }

    private static Layer hiddenLayer(int units) {
        return Layer.linear(units).withBias(false).withNorm(Norm.BATCH).withActivation(Activation.RELU);
    }
}
