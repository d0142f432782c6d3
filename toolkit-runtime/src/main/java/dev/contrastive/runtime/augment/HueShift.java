package dev.contrastive.runtime.augment;

import dev.contrastive.api.Image;

/**
 * torchvision's {@code adjust_hue} on a PIL image: Pillow's conversion to 8-bit HSV, the hue
 * channel shifted with uint8 wrap-around, and Pillow's conversion back to RGB. The round trip is
 * lossy even for a zero shift, so the conversions follow Pillow's C code step by step, mixing
 * single and double precision where it does, to give the same bytes.
 */
final class HueShift {

    private HueShift() {
    }

    /** Shifts the hue by {@code factor} of a turn, {@code factor} in [-0.5, 0.5]; grey images are unchanged. */
    static Image apply(Image image, double factor) {
        if (image.channels() == 1) {
            return image;
        }
        int shift = shiftOf(factor);
        byte[] in = image.pixels();
        byte[] out = new byte[in.length];
        int[] hsv = new int[3];
        for (int i = 0; i < in.length; i += 3) {
            toHsv(in[i] & 0xFF, in[i + 1] & 0xFF, in[i + 2] & 0xFF, hsv);
            toRgb((hsv[0] + shift) & 0xFF, hsv[1], hsv[2], out, i);
        }
        return Image.of(image.height(), image.width(), 3, out);
    }

    /** The hue channel's shift, {@code np.uint8(factor * 255)}: truncated toward zero, then wrapped. */
    static int shiftOf(double factor) {
        return (int) (factor * 255) & 0xFF;
    }

    /** Pillow's {@code rgb2hsv_row}. */
    private static void toHsv(int r, int g, int b, int[] hsv) {
        int max = Math.max(r, Math.max(g, b));
        int min = Math.min(r, Math.min(g, b));
        hsv[2] = max;
        if (min == max) {
            hsv[0] = 0;
            hsv[1] = 0;
            return;
        }
        float range = max - min;
        float s = range / max;
        float rc = (max - r) / range;
        float gc = (max - g) / range;
        float bc = (max - b) / range;
        float h;
        if (r == max) {
            h = bc - gc;
        } else if (g == max) {
            h = (float) (2.0 + rc - bc);
        } else {
            h = (float) (4.0 + gc - rc);
        }
        h = (float) ((h / 6.0 + 1.0) % 1.0);
        hsv[0] = (int) (h * 255.0);
        hsv[1] = (int) (s * 255.0);
    }

    /** Pillow's {@code hsv2rgb} for one pixel, written at {@code out[at..at+2]}. */
    private static void toRgb(int h, int s, int v, byte[] out, int at) {
        if (s == 0) {
            put(out, at, v, v, v);
            return;
        }
        int sector = (int) Math.floor(h * 6.0 / 255.0);
        float f = (float) (h * 6.0 / 255.0 - sector);
        float fs = (float) (s / 255.0);
        int p = (int) Math.round(v * (1.0 - fs));
        int q = (int) Math.round(v * (1.0 - fs * f));
        int t = (int) Math.round(v * (1.0 - fs * (1.0 - f)));
        switch (sector % 6) {
            case 0 -> put(out, at, v, t, p);
            case 1 -> put(out, at, q, v, p);
            case 2 -> put(out, at, p, v, t);
            case 3 -> put(out, at, p, q, v);
            case 4 -> put(out, at, t, p, v);
            default -> put(out, at, v, p, q);
        }
    }

    private static void put(byte[] out, int at, int r, int g, int b) {
        out[at] = (byte) r;
        out[at + 1] = (byte) g;
        out[at + 2] = (byte) b;
    }
}
