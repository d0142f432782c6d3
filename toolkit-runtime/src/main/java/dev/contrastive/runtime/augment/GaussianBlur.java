package dev.contrastive.runtime.augment;

import dev.contrastive.api.Image;

/**
 * torchvision's {@code GaussianBlur} (SimCLR, BYOL) on a PIL image: a normalised Gaussian of odd
 * side {@code kernel} sampled at integer offsets, in single precision, reflect padding (the edge
 * pixel not repeated), rounded to the nearest level, ties to even. It is applied separably here;
 * torchvision convolves with the 2-D outer product, so sums may differ in their last float bits.
 */
final class GaussianBlur {

    private GaussianBlur() {
    }

    /**
     * SimCLR's kernel side for an image side: about 10% of it, made odd (3 at 32 px, 9 at 96 px,
     * 23 at 224 px as in BYOL); 1, no blur, below 20 px.
     */
    static int kernelSize(int side) {
        return side / 20 * 2 + 1;
    }

    /** Blurs every channel with a {@code kernel × kernel} Gaussian of deviation {@code sigma}. */
    static Image blur(Image image, int kernel, double sigma) {
        float[] weights = weights(kernel, sigma);
        int h = image.height();
        int w = image.width();
        int c = image.channels();
        int radius = kernel / 2;
        byte[] in = image.pixels();
        float[] rows = new float[in.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int ch = 0; ch < c; ch++) {
                    float sum = 0;
                    for (int k = 0; k < kernel; k++) {
                        sum += weights[k] * (in[(y * w + reflect(x + k - radius, w)) * c + ch] & 0xFF);
                    }
                    rows[(y * w + x) * c + ch] = sum;
                }
            }
        }
        byte[] out = new byte[in.length];
        for (int y = 0; y < h; y++) {
            for (int i = 0; i < w * c; i++) {
                float sum = 0;
                for (int k = 0; k < kernel; k++) {
                    sum += weights[k] * rows[reflect(y + k - radius, h) * w * c + i];
                }
                out[y * w * c + i] = (byte) (int) Math.rint(sum);
            }
        }
        return Image.of(h, w, c, out);
    }

    /** torchvision's {@code _get_gaussian_kernel1d}, in single precision as it computes it. */
    private static float[] weights(int kernel, double sigma) {
        float[] weights = new float[kernel];
        float total = 0;
        for (int k = 0; k < kernel; k++) {
            float x = (float) ((k - (kernel - 1) * 0.5) / sigma);
            weights[k] = (float) Math.exp(-0.5f * x * x);
            total += weights[k];
        }
        for (int k = 0; k < kernel; k++) {
            weights[k] /= total;
        }
        return weights;
    }

    /** Index {@code i} mirrored into {@code 0..n-1} about the edge pixels, which are not repeated. */
    private static int reflect(int i, int n) {
        return i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i;
    }
}
