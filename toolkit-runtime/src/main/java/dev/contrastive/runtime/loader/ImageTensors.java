package dev.contrastive.runtime.loader;

import dev.contrastive.api.Image;

/** Writes 8-bit images into normalised channel-first float arrays. */
public final class ImageTensors {

    private final float mean;
    private final float std;

    /**
     * @param mean per-channel mean of the data set, on the 0..1 scale
     * @param std per-channel deviation of the data set, on the 0..1 scale
     */
    public ImageTensors(float mean, float std) {
        this.mean = mean;
        this.std = std;
    }

    /** Writes {@code image} as {@code C × H × W} floats at {@code out[offset]}. */
    public void write(Image image, float[] out, int offset) {
        int plane = image.height() * image.width();
        int c = image.channels();
        byte[] pixels = image.pixels();
        float scale = 1f / (255f * std);
        float shift = mean / std;
        for (int p = 0; p < plane; p++) {
            for (int ch = 0; ch < c; ch++) {
                out[offset + ch * plane + p] = (pixels[p * c + ch] & 0xFF) * scale - shift;
            }
        }
    }
}
