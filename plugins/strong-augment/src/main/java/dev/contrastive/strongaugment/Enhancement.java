package dev.contrastive.strongaugment;

import dev.contrastive.api.Image;

/**
 * {@code PIL.ImageEnhance} (9.4): each enhancer blends a degenerate version of the image with the
 * image, {@code degenerate + factor * (image - degenerate)}, in single precision, truncated and,
 * outside factors 0..1, clipped to 0..255, as Pillow's {@code Image.blend}.
 */
final class Enhancement {

    /** The SMOOTH kernel's weights, as Pillow divides them: in single precision. */
    private static final float EDGE = 1f / 13f;
    private static final float CENTRE = 5f / 13f;

    private Enhancement() {
    }

    /** {@code ImageEnhance.Brightness}: the degenerate image is black. */
    static Image brightness(Image image, double factor) {
        return blendWithConstant(image, 0, (float) factor);
    }

    /**
     * {@code ImageEnhance.Contrast}: the degenerate image is uniform at the rounded mean of the
     * grey-level histogram.
     */
    static Image contrast(Image image, double factor) {
        byte[] gray = image.channels() == 1 ? image.pixels() : grayLevels(image);
        long sum = 0;
        for (byte b : gray) {
            sum += b & 0xFF;
        }
        int mean = (int) ((double) sum / gray.length + 0.5);
        return blendWithConstant(image, mean, (float) factor);
    }

    /**
     * {@code ImageEnhance.Color}: the degenerate image is the grey conversion; a grey image is its
     * own degenerate, so it comes back unchanged.
     */
    static Image color(Image image, double factor) {
        if (image.channels() == 1) {
            return image;
        }
        byte[] gray = grayLevels(image);
        byte[] degenerate = new byte[image.pixels().length];
        for (int p = 0, i = 0; p < gray.length; p++, i += 3) {
            degenerate[i] = gray[p];
            degenerate[i + 1] = gray[p];
            degenerate[i + 2] = gray[p];
        }
        return blend(degenerate, image, (float) factor);
    }

    /**
     * {@code ImageEnhance.Sharpness}: the degenerate image is the SMOOTH filter (3x3, centre 5,
     * others 1, over 13), the one-pixel border copied from the image.
     */
    static Image sharpness(Image image, double factor) {
        return blend(smooth(image), image, (float) factor);
    }

    /** Pillow's {@code ImageFilter.SMOOTH}; images narrower or shorter than 3 are copied. */
    static byte[] smooth(Image image) {
        int w = image.width();
        int h = image.height();
        int channels = image.channels();
        byte[] in = image.pixels();
        byte[] out = in.clone();
        if (w < 3 || h < 3) {
            return out;
        }
        int stride = w * channels;
        for (int y = 1; y < h - 1; y++) {
            int row = y * stride;
            for (int i = row + channels; i < row + stride - channels; i++) {
                int below = i + stride;
                int above = i - stride;
                // Pillow's order: rounding offset, then row below, own row, row above.
                float ss = 0.5f;
                ss += (in[below - channels] & 0xFF) * EDGE + (in[below] & 0xFF) * EDGE
                        + (in[below + channels] & 0xFF) * EDGE;
                ss += (in[i - channels] & 0xFF) * EDGE + (in[i] & 0xFF) * CENTRE
                        + (in[i + channels] & 0xFF) * EDGE;
                ss += (in[above - channels] & 0xFF) * EDGE + (in[above] & 0xFF) * EDGE
                        + (in[above + channels] & 0xFF) * EDGE;
                out[i] = (byte) (ss <= 0f ? 0 : ss >= 255f ? 255 : (int) ss);
            }
        }
        return out;
    }

    /** Pillow's RGB to L conversion: ITU-R 601-2 weights in 16.16 fixed point, rounded. */
    static byte[] grayLevels(Image image) {
        byte[] px = image.pixels();
        byte[] gray = new byte[px.length / 3];
        for (int p = 0, i = 0; p < gray.length; p++, i += 3) {
            int l = (px[i] & 0xFF) * 19595 + (px[i + 1] & 0xFF) * 38470
                    + (px[i + 2] & 0xFF) * 7471 + 0x8000;
            gray[p] = (byte) (l >>> 16);
        }
        return gray;
    }

    private static Image blendWithConstant(Image image, int degenerate, float alpha) {
        if (alpha == 1f) {
            return image;
        }
        byte[] table = new byte[256];
        for (int v = 0; v < 256; v++) {
            table[v] = blend(degenerate, v, alpha);
        }
        return LookupTables.map(image, table);
    }

    private static Image blend(byte[] degenerate, Image image, float alpha) {
        if (alpha == 1f) {
            return image;
        }
        byte[] in = image.pixels();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = blend(degenerate[i] & 0xFF, in[i] & 0xFF, alpha);
        }
        return Image.of(image.height(), image.width(), image.channels(), out);
    }

    /** One value of Pillow's {@code ImagingBlend(degenerate, image, alpha)}. */
    private static byte blend(int degenerate, int value, float alpha) {
        float v = degenerate + alpha * (value - degenerate);
        if (alpha >= 0f && alpha <= 1f) {
            return (byte) (int) v;
        }
        return (byte) (v <= 0f ? 0 : v >= 255f ? 255 : (int) v);
    }
}
