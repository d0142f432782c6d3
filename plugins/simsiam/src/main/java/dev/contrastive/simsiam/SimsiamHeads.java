package dev.contrastive.simsiam;

import dev.contrastive.api.HeadSpec;
import dev.contrastive.api.HeadSpec.Activation;
import dev.contrastive.api.HeadSpec.Layer;
import dev.contrastive.api.HeadSpec.Norm;

/** SimSiam's heads (the paper's section 4 and facebookresearch/simsiam's builder), in the run's sizes. */
final class SimsiamHeads {

    private SimsiamHeads() {
    }

    /**
     * Three linear layers, BatchNorm after each, the output's included; ReLU after the first two;
     * no bias where a BatchNorm follows. (The published output BatchNorm has no affine parameters;
     * the toolkit's has them, initialised to the identity.)
     */
    static HeadSpec projector(int hidden, int dim) {
        return HeadSpec.of(hiddenLayer(hidden), hiddenLayer(hidden),
                Layer.linear(dim).withBias(false).withNorm(Norm.BATCH));
    }

    /** The bottleneck predictor: {@code dim → hidden} with BatchNorm and ReLU, then {@code → dim}. */
    static HeadSpec predictor(int hidden, int dim) {
        return HeadSpec.of(hiddenLayer(hidden), Layer.linear(dim));
    }

    private static Layer hiddenLayer(int units) {
        return Layer.linear(units).withBias(false).withNorm(Norm.BATCH).withActivation(Activation.RELU);
    }
}
