package dev.contrastive.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * A compact 8-bit image: {@code height × width × channels} bytes in row-major, channel-last
 * order (the layout of Pillow and of the IDX files). Transforms treat it as immutable and return
 * a new image; the pixel array is shared, not copied, so do not write into an image you did not
 * create. A class with factories rather than a record, so that a part added later does not change
 * a constructor compiled plugins call.
 */
public final class Image {

    private final int height;
    private final int width;
    private final int channels;
    private final byte[] pixels;

    private Image(int height, int width, int channels, byte[] pixels) {
        Objects.requireNonNull(pixels, "pixels");
        if (height < 1 || width < 1 || (channels != 1 && channels != 3)) {
            throw new IllegalArgumentException(
                    "bad image shape " + height + "x" + width + "x" + channels);
        }
        if (pixels.length != height * width * channels) {
            throw new IllegalArgumentException(
                    "expected " + height * width * channels + " bytes, got " + pixels.length);
        }
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.pixels = pixels;
    }

    /**
     * An image over {@code pixels}, checked against its dimensions.
     *
     * @param height rows, at least 1
     * @param width columns, at least 1
     * @param channels 1 (grey) or 3 (RGB)
     * @param pixels {@code height * width * channels} unsigned bytes, shared, not copied
     * @since 0.3.0
     */
    public static Image of(int height, int width, int channels, byte[] pixels) {
        return new Image(height, width, channels, pixels);
    }

    /** A black image of the given shape, ready to be written by its creator. */
    public static Image blank(int height, int width, int channels) {
        return new Image(height, width, channels, new byte[height * width * channels]);
    }

    /** Rows. */
    public int height() {
        return height;
    }

    /** Columns. */
    public int width() {
        return width;
    }

    /** 1 (grey) or 3 (RGB). */
    public int channels() {
        return channels;
    }

    /** The shared pixel bytes, row-major, channel-last. */
    public byte[] pixels() {
        return pixels;
    }

    /** The value 0..255 of channel {@code c} at row {@code y}, column {@code x}. */
    public int get(int y, int x, int c) {
        return pixels[(y * width + x) * channels + c] & 0xFF;
    }

    /** Equal shape and pixels. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Image that && height == that.height && width == that.width
                && channels == that.channels && Arrays.equals(pixels, that.pixels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(height, width, channels, Arrays.hashCode(pixels));
    }

    @Override
    public String toString() {
        return "Image[" + height + "x" + width + "x" + channels + "]";
    }
}
