package dev.contrastive.inference;

import java.util.Locale;

/**
 * The sizes of a {@link VisionTransformer} besides its width: the run file's {@code model.vit:}
 * section and a model folder's {@code toolkit.vit.*} keys. An absent value takes its default.
 *
 * @param patchSize side of the square patches, in pixels; it divides the training image's side
 * @param depth transformer layers
 * @param heads attention heads; they divide the width
 * @param mlpRatio the MLP's hidden units per unit of width
 * @param patchProjection {@code learned}, or {@code random}: MoCo v3's fixed random patch
 *     projection (initialised uniformly and never trained, the paper's stability fix)
 */
public record VitSpec(Integer patchSize, Integer depth, Integer heads, Integer mlpRatio, String patchProjection) {

    /** {@link #patchProjection}: trained with the rest. */
    public static final String LEARNED = "learned";

    /** {@link #patchProjection}: MoCo v3's frozen random projection. */
    public static final String RANDOM = "random";

    /** The largest patch side. */
    public static final int MAX_PATCH = 64;

    /** The most layers. */
    public static final int MAX_DEPTH = 24;

    /** The most heads. */
    public static final int MAX_HEADS = 16;

    /** The largest MLP ratio. */
    public static final int MAX_MLP_RATIO = 8;

    /** Fills defaults (patches of 4 px, 4 layers, 4 heads, MLP ratio 4, learned projection) and validates. */
    public VitSpec {
        patchSize = patchSize == null ? 4 : patchSize;
        depth = depth == null ? 4 : depth;
        heads = heads == null ? 4 : heads;
        mlpRatio = mlpRatio == null ? 4 : mlpRatio;
        patchProjection = patchProjection == null ? LEARNED : patchProjection;
        range("patch_size", patchSize, MAX_PATCH);
        range("depth", depth, MAX_DEPTH);
        range("heads", heads, MAX_HEADS);
        range("mlp_ratio", mlpRatio, MAX_MLP_RATIO);
        if (!patchProjection.equals(LEARNED) && !patchProjection.equals(RANDOM)) {
            throw new IllegalArgumentException("patch_projection '" + patchProjection + "' is not known; allowed: "
                    + LEARNED + ", " + RANDOM);
        }
    }

    /** The defaults. */
    public static VitSpec defaults() {
        return new VitSpec(null, null, null, null, null);
    }

    /** Whether the patch projection is MoCo v3's fixed random one. */
    public boolean randomPatchProjection() {
        return patchProjection.equals(RANDOM);
    }

    private static void range(String key, int value, int max) {
        if (value < 1 || value > max) {
            throw new IllegalArgumentException(key + " must be in 1.." + max + ", got " + value);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "patch %d, depth %d, %d heads, MLP ratio %d, %s patch projection",
                patchSize, depth, heads, mlpRatio, patchProjection);
    }
}
