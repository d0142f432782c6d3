package dev.contrastive.clsa;

import java.util.List;

/**
 * The crop of one CLSA view, relative to the base's weak view so that it carries to any image
 * size: the paper's 96 px strong view of 224 px weak views is {@code size: 0.4286}, 12 px of 28.
 *
 * @param size side as a fraction of the weak view's side, in (0, 1]; {@code null} means 1
 * @param scale crop area range {@code [min, max]} as a fraction of the image, as torchvision's
 *     {@code RandomResizedCrop} takes it; {@code null} means the weak view's range
 */
public record ViewGeometry(Double size, List<Double> scale) {

    /** The smallest side in pixels a view may round to: below it a ResNet has nothing left to pool. */
    public static final int MIN_PIXELS = 4;

    /** Validates what can be checked without the data set. */
    public ViewGeometry {
        if (size != null && !(size > 0 && size <= 1)) {
            throw new IllegalArgumentException("size must be a fraction of the weak view's side in (0, 1], got "
                    + size + (size > 1 ? " (a side of the full weak view is 1.0; 12 px of 28 is 0.43)" : ""));
        }
        if (scale != null && (scale.size() != 2
                || !(scale.get(0) > 0 && scale.get(0) <= scale.get(1) && scale.get(1) <= 1))) {
            throw new IllegalArgumentException("scale must be [min, max] with 0 < min <= max <= 1, got " + scale);
        }
        scale = scale == null ? null : List.copyOf(scale);
    }

    /** A view of {@code size} × the weak view's side from {@code [min, max]} of the image. */
    static ViewGeometry of(double size, double min, double max) {
        return new ViewGeometry(size, List.of(min, max));
    }

    /** The side in pixels for a weak view of {@code weakSize}: the fraction, rounded. */
    int pixels(int weakSize) {
        return (int) Math.round((size == null ? 1.0 : size) * weakSize);
    }
}
