package dev.contrastive.runtime.data;

import dev.contrastive.runtime.UserError;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST, gzip-compressed or plain: a magic number
 * {@code 0x0000 08 D} (unsigned bytes, D dimensions), D big-endian sizes, then the bytes.
 */
public final class IdxReader {

    private IdxReader() {
    }

    /** An IDX tensor of unsigned bytes. */
    record Tensor(int[] shape, byte[] data) {
    }

    /**
     * Reads an IDX file.
     *
     * @param file {@code .gz} or plain
     * @return its shape and bytes
     * @throws UserError if the file is missing, truncated or not IDX
     */
    static Tensor read(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             DataInputStream in = new DataInputStream(file.toString().endsWith(".gz")
                     ? new GZIPInputStream(raw, 1 << 16) : raw)) {
            int magic = in.readInt();
            if ((magic >>> 8) != 0x08 || (magic & 0xFF) < 1 || (magic & 0xFF) > 4) {
                throw new UserError(UserError.DATA, file + " is not an IDX file of unsigned bytes (magic 0x"
                        + Integer.toHexString(magic) + ")");
            }
            int[] shape = new int[magic & 0xFF];
            long size = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = in.readInt();
                size *= shape[i];
            }
            if (size > Integer.MAX_VALUE || size < 0) {
                throw new UserError(UserError.DATA, file + " declares an impossible size");
            }
            byte[] data = new byte[(int) size];
            in.readFully(data);
            return new Tensor(shape, data);
        } catch (EOFException e) {
            throw new UserError(UserError.DATA, file + " is truncated: it ends before the data its header "
                    + "declares; download or install it again");
        } catch (java.util.zip.ZipException e) {
            throw new UserError(UserError.DATA, file + " is corrupt (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UserError(UserError.DATA, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * Reads an image file and its label file into a compact set.
     *
     * @param images {@code N × H × W} IDX file
     * @param labels {@code N} IDX file
     */
    public static ImageSet readSplit(Path images, Path labels) {
        Tensor x = read(images);
        Tensor y = read(labels);
        if (x.shape().length != 3 || y.shape().length != 1 || x.shape()[0] != y.shape()[0]) {
            throw new UserError(UserError.DATA, images + " and " + labels
                    + " do not form a split of N images of H x W with N labels");
        }
        int[] classes = new int[y.shape()[0]];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = y.data()[i] & 0xFF;
        }
        return new ImageSet(x.shape()[0], x.shape()[1], x.shape()[2], 1, x.data(), classes);
    }
}
