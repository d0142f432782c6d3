package dev.contrastive.strongaugment;

import dev.contrastive.api.Image;

/**
 * Lossless quarter turns, which Pillow's {@code rotate} uses instead of resampling for 180
 * degrees, and for 90 and 270 degrees on square images.
 */
enum Transposition {

    /** Counter-clockwise quarter turn: output (x, y) reads input (w - 1 - y, x). */
    ROTATE_90,
    /** Half turn: output (x, y) reads input (w - 1 - x, h - 1 - y). */
    ROTATE_180,
    /** Clockwise quarter turn: output (x, y) reads input (y, h - 1 - x). */
    ROTATE_270;

    Image apply(Image image) {
        int w = image.width();
        int h = image.height();
        int channels = image.channels();
        boolean swap = this != ROTATE_180;
        int outW = swap ? h : w;
        int outH = swap ? w : h;
        byte[] in = image.pixels();
        byte[] out = new byte[in.length];
        int o = 0;
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++, o += channels) {
                int sx;
                int sy;
                switch (this) {
                    case ROTATE_90 -> {
                        sx = w - 1 - y;
                        sy = x;
                    }
                    case ROTATE_180 -> {
                        sx = w - 1 - x;
                        sy = h - 1 - y;
                    }
                    default -> {
                        sx = y;
                        sy = h - 1 - x;
                    }
                }
                int s = (sy * w + sx) * channels;
                for (int k = 0; k < channels; k++) {
                    out[o + k] = in[s + k];
                }
            }
        }
        return Image.of(outH, outW, channels, out);
    }
}
