package dev.contrastive.inference;

import ai.djl.nn.Block;

import java.util.List;

/**
 * The backbones a run can train and a model folder rebuilds: torchvision's ResNet-18 and -34
 * ({@link ResNetBlocks}) and a small ViT ({@link VisionTransformer}). One construction for both
 * sides, so parameter names and shapes agree.
 */
public final class Backbones {

    /** {@code model.backbone} of the Vision Transformer. */
    public static final String VIT = "vit";

    /** Every backbone name, the default first. */
    public static final List<String> NAMES = List.of("resnet18", "resnet34", VIT);

    private Backbones() {
    }

    /**
     * A backbone, not initialised: {@code N × C × H × W -> N × featureSize}.
     *
     * @param backbone one of {@link #NAMES}
     * @param width a ResNet's first-stage channels, a ViT's token width
     * @param stem a ResNet's stem ({@code cifar} or {@code imagenet})
     * @param vit a ViT's sizes; unused for a ResNet
     * @param imageSize the training image's side (a ViT learns its positions for it)
     */
    public static Block block(String backbone, int width, String stem, VitSpec vit, int imageSize) {
        return backbone.equals(VIT) ? new VisionTransformer(vit, width, imageSize)
                : ResNetBlocks.backbone(backbone, width, stem);
    }

    /** The features' size: {@code 8·width} for a ResNet, {@code width} for a ViT. */
    public static int featureSize(String backbone, int width) {
        return backbone.equals(VIT) ? width : ResNetBlocks.featureSize(width);
    }
}
