package org.example.ssl.barlow;

/**
 * The run file's {@code augment.cutout} section. Absent keys arrive as {@code null} and take the
 * defaults; each message starts with its key, so the host's error points at that key's line.
 *
 * @param p probability that an image is erased, in [0, 1] (default 0.5)
 * @param size side of the square as a fraction of the image side, in (0, 1] (default 0.25)
 * @param fill the value written into every channel of the square, in [0, 255] (default 0, black)
 */
public record CutoutConfig(Double p, Double size, Integer fill) {

    /** Fills defaults and rejects values outside their ranges. */
    public CutoutConfig {
        p = p == null ? 0.5 : p;
        size = size == null ? 0.25 : size;
        fill = fill == null ? 0 : fill;
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be in [0, 1], got " + p);
        }
        if (!(size > 0 && size <= 1)) {
            throw new IllegalArgumentException("size must be in (0, 1] (a fraction of the image side), got " + size);
        }
        if (fill < 0 || fill > 255) {
            throw new IllegalArgumentException("fill must be in [0, 255], got " + fill);
        }
    }
}
