package dev.contrastive.strongaugment;

import dev.contrastive.api.Image;

/**
 * Per-value tone curves of {@code PIL.ImageOps} (9.4): each builds a 256-entry table per channel
 * and maps every byte through it.
 */
final class LookupTables {

    private static final byte[] INVERT = new byte[256];
    private static final byte[][] POSTERIZE = new byte[9][256];

    static {
        for (int i = 0; i < 256; i++) {
            INVERT[i] = (byte) (255 - i);
            for (int bits = 0; bits <= 8; bits++) {
                POSTERIZE[bits][i] = (byte) (i & ~((1 << (8 - bits)) - 1));
            }
        }
    }

    private LookupTables() {
    }

    /** {@code ImageOps.invert}: 255 - v. */
    static Image invert(Image image) {
        return map(image, INVERT);
    }

    /** {@code ImageOps.posterize}: keeps the top {@code bits} bits (0..8) of every value. */
    static Image posterize(Image image, int bits) {
        return map(image, POSTERIZE[bits]);
    }

    /** {@code ImageOps.solarize}: inverts every value at or above {@code threshold}. */
    static Image solarize(Image image, double threshold) {
        byte[] table = new byte[256];
        for (int i = 0; i < 256; i++) {
            table[i] = (byte) (i < threshold ? i : 255 - i);
        }
        return map(image, table);
    }

    /**
     * {@code ImageOps.autocontrast} with no cutoff: per channel, stretches the occupied range
     * {@code lo..hi} linearly onto 0..255 (truncating); a channel of one value is kept.
     */
    static Image autoContrast(Image image) {
        int channels = image.channels();
        int[] histogram = histogram(image);
        byte[] tables = new byte[256 * channels];
        for (int c = 0; c < channels; c++) {
            int base = 256 * c;
            int lo = 0;
            while (lo < 256 && histogram[base + lo] == 0) {
                lo++;
            }
            int hi = 255;
            while (hi >= 0 && histogram[base + hi] == 0) {
                hi--;
            }
            if (hi <= lo) {
                identity(tables, base);
                continue;
            }
            double scale = 255.0 / (hi - lo);
            double offset = -lo * scale;
            for (int i = 0; i < 256; i++) {
                int v = (int) (i * scale + offset);
                tables[base + i] = (byte) Math.max(0, Math.min(255, v));
            }
        }
        return mapPerChannel(image, tables);
    }

    /**
     * {@code ImageOps.equalize}: per channel, maps values through the cumulative histogram in
     * steps of (pixels less the last occupied bin's) / 255, as Pillow's integer arithmetic does.
     */
    static Image equalize(Image image) {
        int channels = image.channels();
        int[] histogram = histogram(image);
        byte[] tables = new byte[256 * channels];
        for (int c = 0; c < channels; c++) {
            int base = 256 * c;
            int occupied = 0;
            long total = 0;
            int last = 0;
            for (int i = 0; i < 256; i++) {
                int count = histogram[base + i];
                if (count != 0) {
                    occupied++;
                    total += count;
                    last = count;
                }
            }
            long step = occupied <= 1 ? 0 : (total - last) / 255;
            if (step == 0) {
                identity(tables, base);
                continue;
            }
            long n = step / 2;
            for (int i = 0; i < 256; i++) {
                // Pillow clips the table to 0..255 when it applies it.
                tables[base + i] = (byte) Math.min(255, n / step);
                n += histogram[base + i];
            }
        }
        return mapPerChannel(image, tables);
    }

    /** Counts of each value, channel after channel: {@code 256 * channels} bins. */
    static int[] histogram(Image image) {
        int channels = image.channels();
        byte[] px = image.pixels();
        int[] histogram = new int[256 * channels];
        if (channels == 1) {
            for (byte b : px) {
                histogram[b & 0xFF]++;
            }
        } else {
            for (int i = 0; i < px.length; i += 3) {
                histogram[px[i] & 0xFF]++;
                histogram[256 + (px[i + 1] & 0xFF)]++;
                histogram[512 + (px[i + 2] & 0xFF)]++;
            }
        }
        return histogram;
    }

    /** Maps every byte of every channel through one table. */
    static Image map(Image image, byte[] table) {
        byte[] in = image.pixels();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = table[in[i] & 0xFF];
        }
        return Image.of(image.height(), image.width(), image.channels(), out);
    }

    private static Image mapPerChannel(Image image, byte[] tables) {
        if (image.channels() == 1) {
            return map(image, tables);
        }
        byte[] in = image.pixels();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i += 3) {
            out[i] = tables[in[i] & 0xFF];
            out[i + 1] = tables[256 + (in[i + 1] & 0xFF)];
            out[i + 2] = tables[512 + (in[i + 2] & 0xFF)];
        }
        return Image.of(image.height(), image.width(), image.channels(), out);
    }

    private static void identity(byte[] tables, int base) {
        for (int i = 0; i < 256; i++) {
            tables[base + i] = (byte) i;
        }
    }
}
