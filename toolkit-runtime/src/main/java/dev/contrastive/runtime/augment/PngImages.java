package dev.contrastive.runtime.augment;

import dev.contrastive.api.Image;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.io.AtomicFiles;
import dev.contrastive.runtime.io.InputPaths;
import dev.contrastive.runtime.io.OutputGuard;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Reads and writes 8-bit grey and RGB PNGs as raw samples, with no colour management. */
public final class PngImages {

    private PngImages() {
    }

    /**
     * Reads a PNG.
     *
     * @throws UserError if the file is missing or not an 8-bit grey or RGB image
     */
    public static Image read(Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new UserError(UserError.DATA, "cannot read " + file + ": " + InputPaths.problem(file, "regular file"));
        }
        BufferedImage png;
        try {
            png = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new UserError(UserError.DATA, "cannot read " + file + ": " + e.getMessage());
        }
        if (png == null) {
            throw new UserError(UserError.DATA, file + " is not an image ImageIO can read");
        }
        Raster raster = png.getRaster();
        int bands = raster.getNumBands();
        if (bands != 1 && bands != 3) {
            throw new UserError(UserError.DATA, file + " has " + bands + " channels; use grey or RGB");
        }
        int w = png.getWidth();
        int h = png.getHeight();
        byte[] pixels = new byte[w * h * bands];
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            for (int i = 0; i < row.length; i++) {
                pixels[y * row.length + i] = (byte) row[i];
            }
        }
        return Image.of(h, w, bands, pixels);
    }

    /**
     * Writes an image as PNG, atomically.
     *
     * @throws UserError (exit code 2) if the file's folder does not exist, or the file is a folder
     *     or one the toolkit owns ({@link OutputGuard})
     */
    public static void write(Image image, Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null && !java.nio.file.Files.isDirectory(folder)) {
            throw new UserError(UserError.USAGE, "cannot write " + file + ": the folder " + folder
                    + " does not exist");
        }
        OutputGuard.checkFile(file);
        AtomicFiles.write(file, encode(image));
    }

    /** The bytes of a PNG of {@code image}, 8-bit grey or RGB as its channels. */
    public static byte[] encode(Image image) {
        BufferedImage png = new BufferedImage(image.width(), image.height(),
                image.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        WritableRaster raster = png.getRaster();
        int[] row = new int[image.width() * image.channels()];
        for (int y = 0; y < image.height(); y++) {
            for (int i = 0; i < row.length; i++) {
                row[i] = image.pixels()[y * row.length + i] & 0xFF;
            }
            raster.setPixels(0, y, image.width(), 1, row);
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            if (!ImageIO.write(png, "png", bytes)) {
                throw new IllegalStateException("no PNG writer");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a stream in memory
        }
        return bytes.toByteArray();
    }
}
