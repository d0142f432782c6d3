package dev.contrastive.runtime.config;

/**
 * The {@code model:} section: a torchvision-layout ResNet with BasicBlocks and an MLP head.
 *
 * @param backbone {@code resnet18} or {@code resnet34}
 * @param width channels of the first stage (64 in torchvision); stages use 1, 2, 4, 8 times it
 * @param stem {@code cifar} (3×3 stride-1 conv, no max-pool) or {@code imagenet} (7×7/2, max-pool)
 * @param headHidden hidden units of the 2-layer projection MLP
 * @param headDim output size of the projection (the embedding dimension)
 */
public record ModelConfig(String backbone, Integer width, String stem, Integer headHidden,
        Integer headDim) {

    /** The widest first stage: 4 x torchvision's 64; the last stage has 8 x as many channels. */
    public static final int MAX_WIDTH = 256;

    /** The most units of a head layer. */
    public static final int MAX_HEAD = 16384;

    /** Fills defaults and validates. */
    public ModelConfig {
        backbone = backbone == null ? "resnet18" : backbone;
        width = width == null ? 16 : width;
        stem = stem == null ? "cifar" : stem;
        headHidden = headHidden == null ? 512 : headHidden;
        headDim = headDim == null ? 128 : headDim;
        if (!backbone.equals("resnet18") && !backbone.equals("resnet34")) {
            throw new IllegalArgumentException(
                    "backbone '" + backbone + "' is not known; allowed: resnet18, resnet34");
        }
        if (!stem.equals("cifar") && !stem.equals("imagenet")) {
            throw new IllegalArgumentException("stem '" + stem + "' is not known; allowed: cifar, imagenet");
        }
        Bounds.check("width", width, 1, MAX_WIDTH);
        Bounds.check("head_hidden", headHidden, 1, MAX_HEAD);
        Bounds.check("head_dim", headDim, 1, MAX_HEAD);
    }
}
