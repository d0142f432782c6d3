package dev.contrastive.strongaugment;

import dev.contrastive.api.Image;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.imageio.ImageIO;

/** Finds the shared golden files and reads PNGs into {@link Image}s. */
final class GoldenImages {

    private GoldenImages() {
    }

    /**
     * The golden augmentation directory: {@code <shared.dir>/golden/augment}, or, when that
     * property points elsewhere (a build started with {@code -f} on this module), the nearest
     * {@code shared/golden/augment} next to a parent of the working directory.
     */
    static Path augmentDir() {
        String property = System.getProperty("shared.dir");
        if (property != null) {
            Path dir = Paths.get(property, "golden", "augment");
            if (Files.isDirectory(dir)) {
                return dir;
            }
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path dir = p.resolveSibling("shared").resolve("golden").resolve("augment");
            if (Files.isDirectory(dir)) {
                return dir;
            }
        }
        throw new IllegalStateException("golden files not found: shared.dir=" + property
                + " and no shared/golden/augment beside a parent of "
                + Paths.get("").toAbsolutePath());
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
        return new Image(h, w, bands, pixels);
    }
}
