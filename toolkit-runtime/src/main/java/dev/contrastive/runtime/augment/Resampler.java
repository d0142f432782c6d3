package dev.contrastive.runtime.augment;

import dev.contrastive.api.Image;

/**
 * Bilinear resize of a rectangle of an image, as Pillow's {@code resize(BILINEAR, box)} does it:
 * separable triangle filter whose support widens when shrinking (anti-aliasing), weights
 * normalised per output pixel, rounded to the nearest byte.
 */
public final class Resampler {

    private Resampler() {
    }

    /** Taps of one axis: for output index o, {@code count[o]} weights starting at {@code first[o]}. */
    private record Taps(int[] first, int[] count, float[] weights, int stride) {
    }

    private static Taps taps(double start, double length, int inSize, int outSize) {
        double scale = length / outSize;
        double support = Math.max(scale, 1.0);
        int stride = (int) Math.ceil(support) * 2 + 1;
        int[] first = new int[outSize];
        int[] count = new int[outSize];
        float[] weights = new float[outSize * stride];
        for (int o = 0; o < outSize; o++) {
            double center = start + (o + 0.5) * scale;
            int lo = Math.max(0, (int) (center - support + 0.5));
            int hi = Math.min(inSize, (int) (center + support + 0.5));
            double total = 0;
            for (int i = lo; i < hi; i++) {
                double w = Math.max(0, 1 - Math.abs((i - center + 0.5) / support));
                weights[o * stride + i - lo] = (float) w;
                total += w;
            }
            for (int i = lo; i < hi && total > 0; i++) {
                weights[o * stride + i - lo] /= (float) total;
            }
            first[o] = lo;
            count[o] = hi - lo;
        }
        return new Taps(first, count, weights, stride);
    }

    /**
     * Resizes the box {@code (top, left, height, width)} of {@code image} to {@code size × size}.
     */
    public static Image crop(Image image, int top, int left, int height, int width, int size) {
        int c = image.channels();
        Taps xs = taps(left, width, image.width(), size);
        Taps ys = taps(top, height, image.height(), size);
        byte[] in = image.pixels();
        int rowLo = ys.first()[0];
        int rowHi = ys.first()[size - 1] + ys.count()[size - 1];
        float[] horizontal = new float[(rowHi - rowLo) * size * c];
        for (int y = rowLo; y < rowHi; y++) {
            int rowBase = y * image.width();
            for (int o = 0; o < size; o++) {
                int base = o * xs.stride();
                for (int ch = 0; ch < c; ch++) {
                    float sum = 0;
                    for (int t = 0; t < xs.count()[o]; t++) {
                        sum += xs.weights()[base + t] * (in[(rowBase + xs.first()[o] + t) * c + ch] & 0xFF);
                    }
                    horizontal[((y - rowLo) * size + o) * c + ch] = sum;
                }
            }
        }
        byte[] out = new byte[size * size * c];
        for (int o = 0; o < size; o++) {
            int base = o * ys.stride();
            for (int x = 0; x < size * c; x++) {
                float sum = 0;
                for (int t = 0; t < ys.count()[o]; t++) {
                    sum += ys.weights()[base + t] * horizontal[(ys.first()[o] - rowLo + t) * size * c + x];
                }
                out[o * size * c + x] = (byte) Math.min(255, Math.max(0, Math.round(sum)));
            }
        }
        return Image.of(size, size, c, out);
    }
}
