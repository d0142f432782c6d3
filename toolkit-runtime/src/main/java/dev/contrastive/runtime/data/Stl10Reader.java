package dev.contrastive.runtime.data;

import dev.contrastive.api.Image;
import dev.contrastive.runtime.UserError;

import java.nio.file.Path;

/**
 * Reads the binary version of STL-10: image files of 96 × 96 RGB records, the red, green and blue
 * planes each stored column by column (the order MATLAB writes arrays in), and label files of one
 * byte per image, classes 1..10.
 */
public final class Stl10Reader {

    /** Side of every STL-10 image. */
    static final int SIDE = 96;
    /** Bytes of one image record. */
    static final int IMAGE_BYTES = 3 * SIDE * SIDE;
    /** STL-10's classes, numbered 1..10 in its label files and 0..9 here. */
    static final int CLASSES = 10;

    private Stl10Reader() {
    }

    /**
     * Reads an image file and its label file into a compact set, labels 0..9.
     *
     * @throws UserError naming the file that is missing, truncated, of another length than its
     *     partner or holds a label out of range
     */
    public static ImageSet readSplit(Path images, Path labels) {
        int count = count(images);
        int labelCount = RecordFile.count(labels, 1, "one label byte per image");
        if (labelCount != count) {
            throw new UserError(UserError.DATA, labels + " holds " + labelCount + " labels, but " + images + " holds "
                    + count + " images: a label file holds one label per image; download the data set again");
        }
        int[] classOf = new int[count];
        RecordFile.forEach(labels, 1, count, (i, record) -> {
            int label = record[0] & 0xFF;
            if (label < 1 || label > CLASSES) {
                throw new UserError(UserError.DATA, labels + ": label " + label + " of image " + i + " is outside "
                        + "STL-10's classes 1.." + CLASSES + "; the file is corrupt, download it again");
            }
            classOf[i] = label - 1;
        });
        byte[] pixels = new byte[count * IMAGE_BYTES];
        RecordFile.forEach(images, IMAGE_BYTES, count, (i, record) ->
                PlanarPixels.toChannelsLast(record, 0, SIDE, true, pixels, i * IMAGE_BYTES));
        return new ImageSet(count, SIDE, SIDE, 3, pixels, classOf);
    }

    /**
     * The number of images in an STL-10 image file.
     *
     * @throws UserError naming the file when it is missing or not a whole number of images
     */
    static int count(Path images) {
        return RecordFile.count(images, IMAGE_BYTES, SIDE + " x " + SIDE + " pixels x 3 channels");
    }

    /** The image of one record, channels last. */
    static Image image(byte[] record) {
        byte[] pixels = new byte[IMAGE_BYTES];
        PlanarPixels.toChannelsLast(record, 0, SIDE, true, pixels, 0);
        return Image.of(SIDE, SIDE, 3, pixels);
    }
}
