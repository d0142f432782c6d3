package dev.contrastive.runtime.data;

import dev.contrastive.api.Image;

import java.util.Arrays;

/**
 * Images of one split kept compact in memory: all pixels in one byte array, decoded once.
 *
 * @param count number of images
 * @param height rows of each image
 * @param width columns of each image
 * @param channels 1 or 3
 * @param pixels {@code count × height × width × channels} bytes, channels last
 * @param labels class of each image; null for unlabeled images
 */
public record ImageSet(int count, int height, int width, int channels, byte[] pixels, int[] labels)
        implements ImageSource {

    @Override
    public Image image(int i) {
        int size = height * width * channels;
        byte[] copy = new byte[size];
        System.arraycopy(pixels, i * size, copy, 0, size);
        return Image.of(height, width, channels, copy);
    }



    @Override
    public ImageSet first(int n) {
        if (n <= 0 || n >= count) {
            return this;
        }
        int size = height * width * channels;
        return new ImageSet(n, height, width, channels, Arrays.copyOf(pixels, n * size),
                labels == null ? null : Arrays.copyOf(labels, n));
    }

    /** Number of distinct classes, assuming labels 0..max; 0 when unlabeled. */
    public int classes() {
        if (labels == null) {
            return 0;
        }
        int max = -1;
        for (int label : labels) {
            max = Math.max(max, label);
        }
        return max + 1;
    }
}
