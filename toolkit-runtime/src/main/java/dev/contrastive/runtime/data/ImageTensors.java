package dev.contrastive.runtime.data;

import dev.contrastive.api.Image;

/** Writes 8-bit images into normalised channel-first float arrays. */
public final class ImageTensors {

    private final float[] scale;
    private final float[] shift;

    /**
     * @param mean per-channel mean of the data set, on the 0..1 scale; one value serves every channel
     * @param std per-channel deviation of the data set, on the 0..1 scale, one value or one per channel
     */
    public ImageTensors(float[] mean, float[] std) {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException(mean.length + " means for " + std.length + " deviations");
        }
        scale = new float[mean.length];
        shift = new float[mean.length];
        for (int c = 0; c < mean.length; c++) {
            scale[c] = 1f / (255f * std[c]);
            shift[c] = mean[c] / std[c];
        }
    }

    /** Writes {@code image} as {@code C × H × W} floats at {@code out[offset]}. */
    public void write(Image image, float[] out, int offset) {
        int plane = image.height() * image.width();
        int c = image.channels();
        if (scale.length != 1 && scale.length != c) {
            throw new IllegalArgumentException("normalisation for " + scale.length + " channels, image has " + c);
        }
        byte[] pixels = image.pixels();
        for (int ch = 0; ch < c; ch++) {
            float s = scale[Math.min(ch, scale.length - 1)];
            float t = shift[Math.min(ch, shift.length - 1)];
            int base = offset + ch * plane;
            for (int p = 0; p < plane; p++) {
                out[base + p] = (pixels[p * c + ch] & 0xFF) * s - t;
            }
        }
    }
}
