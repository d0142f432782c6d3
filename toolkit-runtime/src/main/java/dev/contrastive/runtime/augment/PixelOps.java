package dev.contrastive.runtime.augment;

import dev.contrastive.api.Image;

/** Colour and geometry operations of the weak policy, with Pillow's rounding. */
final class PixelOps {

    private PixelOps() {
    }

    /** Multiplies every value by {@code factor} (a blend with black). */
    static Image brightness(Image image, double factor) {
        byte[] in = image.pixels();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = clip((in[i] & 0xFF) * factor);
        }
        return Image.of(image.height(), image.width(), image.channels(), out);
    }

    /** Blends with the image's mean grey level, as {@code ImageEnhance.Contrast}. */
    static Image contrast(Image image, double factor) {
        double mean = meanGrey(image);
        byte[] in = image.pixels();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = clip(mean + factor * ((in[i] & 0xFF) - mean));
        }
        return Image.of(image.height(), image.width(), image.channels(), out);
    }

    /**
     * Blends with the grey version, as {@code ImageEnhance.Color} (torchvision's
     * {@code adjust_saturation}); a grey image is unchanged. It truncates as Pillow's
     * {@code Image.blend} does, unlike {@link #brightness} and {@link #contrast}, which keep their
     * rounding so that existing runs do not change.
     */
    static Image saturation(Image image, double factor) {
        if (image.channels() == 1) {
            return image;
        }
        float alpha = (float) factor;
        byte[] in = image.pixels();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i += 3) {
            int grey = luma(in[i] & 0xFF, in[i + 1] & 0xFF, in[i + 2] & 0xFF);
            for (int c = i; c < i + 3; c++) {
                // Pillow's single-precision blend, truncated, clipped when extrapolating
                float v = grey + alpha * ((in[c] & 0xFF) - grey);
                out[c] = (byte) (v <= 0 ? 0 : v >= 255 ? 255 : (int) v);
            }
        }
        return Image.of(image.height(), image.width(), 3, out);
    }

    /** {@code ImageOps.solarize}: inverts every value at or above {@code threshold}. */
    static Image solarize(Image image, int threshold) {
        byte[] in = image.pixels();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            int v = in[i] & 0xFF;
            out[i] = (byte) (v < threshold ? v : 255 - v);
        }
        return Image.of(image.height(), image.width(), image.channels(), out);
    }

    /** ITU-R 601 luma in all channels, Pillow's integer rounding. */
    static Image grayscale(Image image) {
        byte[] in = image.pixels();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i += 3) {
            byte l = (byte) luma(in[i] & 0xFF, in[i + 1] & 0xFF, in[i + 2] & 0xFF);
            out[i] = l;
            out[i + 1] = l;
            out[i + 2] = l;
        }
        return Image.of(image.height(), image.width(), 3, out);
    }

    /** Mirrors left and right. */
    static Image flipHorizontal(Image image) {
        int w = image.width();
        int c = image.channels();
        byte[] in = image.pixels();
        byte[] out = new byte[in.length];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < w; x++) {
                System.arraycopy(in, (y * w + x) * c, out, (y * w + w - 1 - x) * c, c);
            }
        }
        return Image.of(image.height(), w, c, out);
    }

    /** The rounded mean of the grey version, the degenerate image of Pillow's Contrast. */
    static int meanGrey(Image image) {
        byte[] in = image.pixels();
        long sum = 0;
        if (image.channels() == 1) {
            for (byte b : in) {
                sum += b & 0xFF;
            }
        } else {
            for (int i = 0; i < in.length; i += 3) {
                sum += luma(in[i] & 0xFF, in[i + 1] & 0xFF, in[i + 2] & 0xFF);
            }
        }
        long pixels = (long) image.height() * image.width();
        return (int) (sum / (double) pixels + 0.5);
    }

    private static int luma(int r, int g, int b) {
        return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
    }

    private static byte clip(double v) {
        return (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
    }
}
