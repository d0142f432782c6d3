package dev.contrastive.clsa;

import java.util.List;

/**
 * One strongly augmented view of the {@code clsa.views} list.
 *
 * @param size crop side in pixels; {@code null} means the data set's image size
 * @param scale crop area range {@code [min, max]}; {@code null} means the weak views' range
 */
public record StrongView(Integer size, List<Double> scale) {

    /** The largest crop side: a batch of such crops must fit in memory. */
    public static final int MAX_SIZE = 512;

    /** Validates what can be checked without the data set. */
    public StrongView {
        if (size != null && (size < 1 || size > MAX_SIZE)) {
            throw new IllegalArgumentException("size must be a number of pixels in 1.." + MAX_SIZE + ", got " + size);
        }
        if (scale != null && (scale.size() != 2
                || !(scale.get(0) > 0 && scale.get(0) <= scale.get(1) && scale.get(1) <= 1))) {
            throw new IllegalArgumentException("scale must be [min, max] with 0 < min <= max <= 1, got " + scale);
        }
        scale = scale == null ? null : List.copyOf(scale);
    }
}
