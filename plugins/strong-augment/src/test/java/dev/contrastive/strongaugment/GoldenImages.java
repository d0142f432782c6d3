package dev.contrastive.strongaugment;

import dev.contrastive.api.Image;
import dev.contrastive.api.testing.GoldenFiles;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Finds the golden augmentation files and reads PNGs into {@link Image}s. */
final class GoldenImages {

    private GoldenImages() {
    }

    /** The Pillow cases' folder, from toolkit-api's test JAR. */
    static Path augmentDir() {
        return GoldenFiles.augmentDir();
    }

    /** Reads an 8-bit grey or RGB PNG as raw samples (no colour management). */
    static Image read(Path file) {
        BufferedImage png;
        try {
            png = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (png == null) {
            throw new IllegalArgumentException("not an image: " + file);
        }
        Raster raster = png.getRaster();
        int bands = raster.getNumBands();
        if (bands != 1 && bands != 3) {
            throw new IllegalArgumentException(file + ": expected grey or RGB, got " + bands
                    + " bands");
        }
        int w = png.getWidth();
        int h = png.getHeight();
        byte[] pixels = new byte[w * h * bands];
        int i = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int b = 0; b < bands; b++) {
                    pixels[i++] = (byte) raster.getSample(x, y, b);
                }
            }
        }
        return Image.of(h, w, bands, pixels);
    }
}
