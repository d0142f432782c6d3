package dev.contrastive.api;

import java.util.Objects;

/**
 * A compact 8-bit image: {@code height × width × channels} bytes in row-major, channel-last
 * order (the layout of Pillow and of the IDX files). Transforms treat it as immutable and return
 * a new image; the pixel array is shared, not copied, so do not write into an image you did not
 * create.
 *
 * @param height rows, at least 1
 * @param width columns, at least 1
 * @param channels 1 (grey) or 3 (RGB)
 * @param pixels {@code height * width * channels} unsigned bytes
 */
public record Image(int height, int width, int channels, byte[] pixels) {

    /** Checks the dimensions against the pixel array. */
    public Image {
        Objects.requireNonNull(pixels, "pixels");
        if (height < 1 || width < 1 || (channels != 1 && channels != 3)) {
            throw new IllegalArgumentException(
                    "bad image shape " + height + "x" + width + "x" + channels);
        }
        if (pixels.length != height * width * channels) {
            throw new IllegalArgumentException(
                    "expected " + height * width * channels + " bytes, got " + pixels.length);
        }
    }

    /** A black image of the given shape, ready to be written by its creator. */
    public static Image blank(int height, int width, int channels) {
        return new Image(height, width, channels, new byte[height * width * channels]);
    }

    /** The value 0..255 of channel {@code c} at row {@code y}, column {@code x}. */
    public int get(int y, int x, int c) {
        return pixels[(y * width + x) * channels + c] & 0xFF;
    }
}
