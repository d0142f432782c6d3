package dev.contrastive.runtime.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.contrastive.inference.Backbones;
import dev.contrastive.inference.VitSpec;

/**
 * The {@code model:} section: a torchvision-layout ResNet with BasicBlocks, or a small ViT, and an
 * MLP head.
 *
 * @param backbone {@code resnet18}, {@code resnet34} or {@code vit}
 * @param width a ResNet's first-stage channels (64 in torchvision; stages use 1, 2, 4, 8 times it),
 *     default 16; a ViT's token width, default 64
 * @param stem a ResNet's stem: {@code cifar} (3×3 stride-1 conv, no max-pool) or {@code imagenet}
 *     (7×7/2, max-pool)
 * @param headHidden hidden units of the 2-layer projection MLP
 * @param headDim output size of the projection (the embedding dimension)
 * @param vit a ViT's sizes ({@code model.vit:}); for backbone {@code vit} only
 */
@JsonInclude(JsonInclude.Include.NON_NULL) // a ResNet's resolved section has no vit: key, as before ViTs
public record ModelConfig(String backbone, Integer width, String stem, Integer headHidden,
        Integer headDim, VitSpec vit) {

    /** The widest first stage: 4 x torchvision's 64; the last stage has 8 x as many channels. */
    public static final int MAX_WIDTH = 256;

    /** The widest ViT token: ViT-L's. */
    public static final int MAX_VIT_WIDTH = 1024;

    /** The most units of a head layer. */
    public static final int MAX_HEAD = 16384;

    /** Fills defaults and validates. */
    public ModelConfig {
        backbone = backbone == null ? "resnet18" : backbone;
        if (!Backbones.NAMES.contains(backbone)) {
            throw new IllegalArgumentException("backbone '" + backbone + "' is not known; allowed: "
                    + String.join(", ", Backbones.NAMES));
        }
        boolean transformer = backbone.equals(Backbones.VIT);
        if (vit != null && !transformer) {
            throw new IllegalArgumentException("vit: sizes a ViT, and the backbone is " + backbone
                    + "; set backbone: vit, or leave vit out");
        }
        vit = transformer && vit == null ? VitSpec.defaults() : vit;
        width = width == null ? (transformer ? 64 : 16) : width;
        stem = stem == null ? "cifar" : stem;
        headHidden = headHidden == null ? 512 : headHidden;
        headDim = headDim == null ? 128 : headDim;
        if (!stem.equals("cifar") && !stem.equals("imagenet")) {
            throw new IllegalArgumentException("stem '" + stem + "' is not known; allowed: cifar, imagenet");
        }
        Bounds.check("width", width, 1, transformer ? MAX_VIT_WIDTH : MAX_WIDTH);
        if (transformer && width % vit.heads() != 0) {
            throw new IllegalArgumentException("vit.heads: " + vit.heads() + " heads do not divide width " + width
                    + "; each head takes width / heads of every token");
        }
        Bounds.check("head_hidden", headHidden, 1, MAX_HEAD);
        Bounds.check("head_dim", headDim, 1, MAX_HEAD);
    }

    /** The backbone's output size. */
    public int featureSize() {
        return Backbones.featureSize(backbone, width);
    }
}
