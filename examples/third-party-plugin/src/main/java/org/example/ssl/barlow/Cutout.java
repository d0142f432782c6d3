package org.example.ssl.barlow;

import dev.contrastive.api.Image;
import dev.contrastive.api.ImageTransform;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Cutout (DeVries and Taylor 2017): with probability {@code p}, one square of side
 * {@code size × side} pixels (side: the shorter image side; at least 1 pixel) around a centre
 * drawn uniformly over the whole image is set to {@code fill} in every channel. A square that
 * crosses the border is clipped there, so it erases less, as in the original. Immutable; the only
 * randomness is the generator handed to {@link #apply}: one draw for the coin, two for the centre.
 */
final class Cutout implements ImageTransform {

    private final double probability;
    private final double size;
    private final byte fill;

    /**
     * @param probability chance of erasing, in [0, 1]
     * @param size the square's side as a fraction of the image side, in (0, 1]
     * @param fill 0..255
     */
    Cutout(double probability, double size, int fill) {
        this.probability = probability;
        this.size = size;
        this.fill = (byte) fill;
    }

    /** The transform a validated config describes. */
    static Cutout of(CutoutConfig config) {
        return new Cutout(config.p(), config.size(), config.fill());
    }

    @Override
    public Image apply(Image image, RandomGenerator random) {
        if (!(random.nextDouble() < probability)) {
            return image; // p = 0 never erases, p = 1 always does (nextDouble() < 1)
        }
        int centreY = random.nextInt(image.height());
        int centreX = random.nextInt(image.width());
        return erase(image, centreY, centreX, side(image, size), fill);
    }

    /** The square's side in pixels for a fraction of the image's shorter side, at least 1. */
    static int side(Image image, double fraction) {
        return Math.max(1, (int) Math.round(fraction * Math.min(image.height(), image.width())));
    }

    /**
     * A copy of {@code image} with the square of {@code side} pixels whose top-left corner is
     * {@code side / 2} above and left of the centre set to {@code fill}, clipped at the borders.
     * The input is never written: its pixel array may be shared.
     */
    static Image erase(Image image, int centreY, int centreX, int side, byte fill) {
        int top = Math.max(0, centreY - side / 2);
        int bottom = Math.min(image.height(), centreY - side / 2 + side);
        int left = Math.max(0, centreX - side / 2);
        int right = Math.min(image.width(), centreX - side / 2 + side);
        byte[] pixels = image.pixels().clone();
        int channels = image.channels();
        for (int y = top; y < bottom; y++) {
            int from = (y * image.width() + left) * channels;
            Arrays.fill(pixels, from, from + (right - left) * channels, fill);
        }
        return Image.of(image.height(), image.width(), channels, pixels);
    }
}
