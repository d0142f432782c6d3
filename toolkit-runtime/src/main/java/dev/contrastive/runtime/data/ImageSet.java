package dev.contrastive.runtime.data;

import dev.contrastive.api.Image;

/**
 * Images of one split kept compact: all pixels in one byte array, decoded once.
 *
 * @param count number of images
 * @param height rows of each image
 * @param width columns of each image
 * @param channels 1 or 3
 * @param pixels {@code count × height × width × channels} bytes
 * @param labels class of each image
 */
public record ImageSet(int count, int height, int width, int channels, byte[] pixels, int[] labels) {

    /** Image {@code i}, sharing nothing with this set. */
    public Image image(int i) {
        int size = height * width * channels;
        byte[] copy = new byte[size];
        System.arraycopy(pixels, i * size, copy, 0, size);
        return new Image(height, width, channels, copy);
    }

    /** The first {@code n} images, or all of them when {@code n} is 0 or too large. */
    public ImageSet first(int n) {
        if (n <= 0 || n >= count) {
            return this;
        }
        int size = height * width * channels;
        return new ImageSet(n, height, width, channels, java.util.Arrays.copyOf(pixels, n * size),
                java.util.Arrays.copyOf(labels, n));
    }

    /** Number of distinct classes, assuming labels 0..max. */
    public int classes() {
        int max = 0;
        for (int label : labels) {
            max = Math.max(max, label);
        }
        return max + 1;
    }
}
