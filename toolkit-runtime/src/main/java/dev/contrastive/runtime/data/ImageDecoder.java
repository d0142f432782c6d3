package dev.contrastive.runtime.data;

import dev.contrastive.api.Image;
import dev.contrastive.runtime.augment.Resampler;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Decodes one image file with ImageIO (TwelveMonkeys adds the JPEG variants the JDK rejects:
 * CMYK, broken ICC profiles) into 8-bit grey or RGB, alpha dropped as Pillow's
 * {@code convert("RGB")} does, and brings it to a square side: its centred square, resized with
 * the augmentations' antialiased bilinear filter.
 */
public final class ImageDecoder {

    /** An image that could not be decoded, with why. */
    public static final class UnreadableImageException extends Exception {
        UnreadableImageException(String message) {
            super(message);
        }
    }

    private ImageDecoder() {
    }

    /**
     * Decodes {@code file} to {@code size × size}, grey when the file is grey, RGB otherwise.
     *
     * @throws UnreadableImageException if no reader accepts it or its data is damaged
     */
    public static Image read(Path file, int size) throws UnreadableImageException {
        BufferedImage decoded;
        try {
            decoded = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new UnreadableImageException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        if (decoded == null) {
            throw new UnreadableImageException("no image reader recognises its content");
        }
        return centreSquare(pixels(decoded), size);
    }

    /** {@code image}'s centred square resized to {@code size × size}. */
    public static Image centreSquare(Image image, int size) {
        int side = Math.min(image.height(), image.width());
        if (side == size && image.height() == image.width()) {
            return image;
        }
        return Resampler.crop(image, (image.height() - side) / 2, (image.width() - side) / 2, side, side, size);
    }

    /** {@code image} with {@code channels} channels: grey repeated into RGB, or RGB to luma as Pillow's "L". */
    public static Image withChannels(Image image, int channels) {
        if (image.channels() == channels) {
            return image;
        }
        byte[] in = image.pixels();
        int plane = image.height() * image.width();
        byte[] out = new byte[plane * channels];
        for (int p = 0; p < plane; p++) {
            if (channels == 3) {
                out[3 * p] = out[3 * p + 1] = out[3 * p + 2] = in[p];
            } else {
                int r = in[3 * p] & 0xFF;
                int g = in[3 * p + 1] & 0xFF;
                int b = in[3 * p + 2] & 0xFF;
                // Pillow's ITU-R 601-2 luma in fixed point: (r*19595 + g*38470 + b*7471 + 0x8000) >> 16
                out[p] = (byte) ((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);
            }
        }
        return Image.of(image.height(), image.width(), channels, out);
    }

    /** The decoded pixels: a single-band grey raster read as is, anything else through its colour model. */
    private static Image pixels(BufferedImage decoded) {
        int h = decoded.getHeight();
        int w = decoded.getWidth();
        ColorModel model = decoded.getColorModel();
        Raster raster = decoded.getRaster();
        if (model.getNumColorComponents() == 1 && raster.getNumBands() <= 2
                && !(model instanceof java.awt.image.IndexColorModel)) {
            // getRGB would pass grey through a linear-to-sRGB conversion and change the values
            int bits = model.getComponentSize(0);
            byte[] out = new byte[h * w];
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = (byte) (bits > 8 ? row[x] >> (bits - 8) : row[x] * 255 / ((1 << bits) - 1));
                }
            }
            return Image.of(h, w, 1, out);
        }
        byte[] out = new byte[h * w * 3];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            decoded.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                int at = 3 * (y * w + x);
                out[at] = (byte) (argb >> 16);
                out[at + 1] = (byte) (argb >> 8);
                out[at + 2] = (byte) argb;
            }
        }
        return Image.of(h, w, 3, out);
    }
}
