package dev.contrastive.runtime.data;

import dev.contrastive.runtime.UserError;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the binary version of CIFAR-10 and CIFAR-100: records of label bytes (CIFAR-10: the class;
 * CIFAR-100: the coarse class, then the fine one) followed by 3,072 pixel bytes, the red, green
 * and blue planes of a 32 × 32 image, each stored row by row.
 */
public final class CifarReader {

    /** Side of every CIFAR image. */
    static final int SIDE = 32;
    /** Pixel bytes of one record. */
    static final int PIXEL_BYTES = 3 * SIDE * SIDE;

    private CifarReader() {
    }

    /**
     * Reads {@code files} in order as one split, each image labelled with the last label byte of
     * its record (CIFAR-100's fine class).
     *
     * @param labelBytes 1 (CIFAR-10) or 2 (CIFAR-100)
     * @param classes the number of classes; every label must be in {@code 0..classes-1}
     * @throws UserError naming the file that is missing, truncated or holds a label out of range
     */
    public static ImageSet readSplit(List<Path> files, int labelBytes, int classes) {
        int recordBytes = labelBytes + PIXEL_BYTES;
        String layout = (labelBytes == 1 ? "1 label byte" : labelBytes + " label bytes") + " + " + PIXEL_BYTES
                + " pixel bytes";
        int[] counts = files.stream().mapToInt(file -> RecordFile.count(file, recordBytes, layout)).toArray();
        int total = Arrays.stream(counts).sum();
        byte[] pixels = new byte[total * PIXEL_BYTES];
        int[] labels = new int[total];
        int start = 0;
        for (int f = 0; f < files.size(); f++) {
            Path file = files.get(f);
            int first = start;
            RecordFile.forEach(file, recordBytes, counts[f], (i, record) -> {
                int label = record[labelBytes - 1] & 0xFF;
                if (label >= classes) {
                    throw new UserError(UserError.DATA, file + ": image " + i + " has label " + label
                            + ", outside the data set's " + classes + " classes (0.." + (classes - 1)
                            + "); the file is corrupt or of another data set, download it again");
                }
                labels[first + i] = label;
                PlanarPixels.toChannelsLast(record, labelBytes, SIDE, false, pixels, (first + i) * PIXEL_BYTES);
            });
            start += counts[f];
        }
        return new ImageSet(total, SIDE, SIDE, 3, pixels, labels);
    }
}
