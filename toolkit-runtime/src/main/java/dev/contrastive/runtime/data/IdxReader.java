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

    /** The most bytes one IDX file may declare: a Java array's limit. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    /**
     * Reads an IDX file. The header is checked against the bytes that follow before anything is
     * kept: memory grows with the data actually read, never with what a header claims, so a
     * header declaring 2^31 images of a short file is an error, not an allocation.
     *
     * @param file {@code .gz} or plain
     * @return its shape and bytes
     * @throws UserError if the file is missing, truncated, longer than its header says or not IDX
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
                long dimension = in.readInt() & 0xFFFFFFFFL;
                if (dimension > Integer.MAX_VALUE) {
                    throw new UserError(UserError.DATA, file + ": its header declares a size of " + dimension
                            + " in dimension " + (i + 1) + ", more than an IDX file can hold");
                }
                shape[i] = (int) dimension;
                size = Math.multiplyHigh(size, dimension) != 0 ? Long.MAX_VALUE : size * dimension;
            }
            String declared = "its header declares " + describe(shape) + " (" + size + " bytes)";
            if (size > MAX_BYTES) {
                throw new UserError(UserError.DATA, file + ": " + declared + ", more than the " + MAX_BYTES
                        + " bytes the toolkit reads from one file");
            }
            byte[] data = in.readNBytes((int) size); // grows with what is there, not with the header
            if (data.length < size) {
                throw new UserError(UserError.DATA, file + " is truncated: " + declared + " but holds only "
                        + data.length + " bytes of data; download or install it again");
            }
            if (in.read() != -1) {
                throw new UserError(UserError.DATA, file + " holds more bytes than " + declared
                        + "; it is not a well-formed IDX file");
            }
            return new Tensor(shape, data);
        } catch (EOFException e) {
            throw new UserError(UserError.DATA, file + " is truncated: it ends inside its header; "
                    + "download or install it again");
        } catch (java.util.zip.ZipException e) {
            throw new UserError(UserError.DATA, file + " is corrupt (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UserError(UserError.DATA, "cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String describe(int[] shape) {
        if (shape.length == 1) {
            return shape[0] + " items";
        }
        StringBuilder text = new StringBuilder(shape[0] + " items of ");
        for (int i = 1; i < shape.length; i++) {
            text.append(i > 1 ? " x " : "").append(shape[i]);
        }
        return text.toString();
    }

    /**
     * Reads an image file and its label file into a compact set.
     *
     * @param images {@code N × H × W} IDX file, N >= 1 and H, W in 1..{@value #MAX_SIDE}
     * @param labels {@code N} IDX file, each label in {@code 0..classes-1}
     * @param classes the number of classes of the data set
     * @throws UserError naming the file and the first thing wrong
     */
    public static ImageSet readSplit(Path images, Path labels, int classes) {
        Tensor x = read(images);
        if (x.shape().length != 3) {
            throw new UserError(UserError.DATA, images + " holds " + describe(x.shape())
                    + "; an image file holds N images of H x W pixels");
        }
        int count = x.shape()[0];
        int height = x.shape()[1];
        int width = x.shape()[2];
        if (count < 1) {
            throw new UserError(UserError.DATA, images + " holds no images");
        }
        if (height < 1 || width < 1 || height > MAX_SIDE || width > MAX_SIDE) {
            throw new UserError(UserError.DATA, images + " holds images of " + height + " x " + width
                    + " pixels; each side must be in 1.." + MAX_SIDE);
        }
        Tensor y = read(labels);
        if (y.shape().length != 1 || y.shape()[0] != count) {
            throw new UserError(UserError.DATA, labels + " holds " + describe(y.shape()) + ", but " + images
                    + " holds " + count + " images: a label file holds one label per image");
        }
        int[] classOf = new int[count];
        for (int i = 0; i < count; i++) {
            classOf[i] = y.data()[i] & 0xFF;
            if (classOf[i] >= classes) {
                throw new UserError(UserError.DATA, labels + ": label " + classOf[i] + " of item " + i
                        + " is outside the data set's " + classes + " classes (0.." + (classes - 1) + ")");
            }
        }
        return new ImageSet(count, height, width, 1, x.data(), classOf);
    }

    /** The longest image side the toolkit reads. */
    public static final int MAX_SIDE = 1024;
}
