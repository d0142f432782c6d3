package dev.contrastive.inference;

import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.initializer.NormalInitializer;

/**
 * The layers of the {@link VisionTransformer} as DINO's ViT builds and initialises them:
 * linear weights from {@code N(0, 0.02)} with zero biases, LayerNorm over the token width with
 * {@code eps = 1e-6}, ones and zeros.
 */
final class VitInit {

    private VitInit() {
    }

    static Linear linear(int units) {
        Linear linear = Linear.builder().setUnits(units).build();
        linear.setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
        return linear;
    }

    static LayerNorm layerNorm() {
        return LayerNorm.builder().axis(2).optEpsilon(1e-6f).build();
    }
}
