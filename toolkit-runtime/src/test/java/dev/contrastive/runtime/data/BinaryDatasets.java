package dev.contrastive.runtime.data;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Small files in the binary formats of CIFAR and STL-10, written here from the formats'
 * descriptions, and {@code .tar.gz} archives of them. Image {@code n} has the pixel values of
 * {@link #pattern}: different in each channel, row and column, so a reader that swaps planes,
 * rows and columns or channels gives other values.
 */
final class BinaryDatasets {

    private BinaryDatasets() {
    }

    /** Value of channel {@code c} at row {@code y}, column {@code x} of image {@code n}. */
    static int pattern(int n, int y, int x, int c) {
        return (n * 31 + y * 7 + x * 3 + c * 85) & 0xFF;
    }

    /**
     * A CIFAR record of image {@code n}: {@code labels} bytes, then the red, green and blue
     * planes of 32 × 32 pixels, each row by row.
     */
    static byte[] cifarRecord(int n, int... labels) {
        byte[] record = new byte[labels.length + 3 * 32 * 32];
        for (int i = 0; i < labels.length; i++) {
            record[i] = (byte) labels[i];
        }
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    record[labels.length + c * 1024 + y * 32 + x] = (byte) pattern(n, y, x, c);
                }
            }
        }
        return record;
    }

    /**
     * An STL-10 image record of image {@code n}: the red, green and blue planes of 96 × 96
     * pixels, each column by column.
     */
    static byte[] stlRecord(int n) {
        byte[] record = new byte[3 * 96 * 96];
        for (int c = 0; c < 3; c++) {
            for (int x = 0; x < 96; x++) {
                for (int y = 0; y < 96; y++) {
                    record[c * 96 * 96 + x * 96 + y] = (byte) pattern(n, y, x, c);
                }
            }
        }
        return record;
    }

    /** The STL-10 records of images {@code from .. from+count-1}, one after another. */
    static byte[] stlImages(int from, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int n = from; n < from + count; n++) {
            out.writeBytes(stlRecord(n));
        }
        return out.toByteArray();
    }

    /**
     * CIFAR records of images {@code from, from+1, ...}, {@code labelBytes} of {@code labels}
     * each: one label for CIFAR-10, a coarse and a fine one for CIFAR-100.
     */
    static byte[] cifarRecords(int from, int labelBytes, int... labels) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < labels.length / labelBytes; i++) {
            int[] own = new int[labelBytes];
            System.arraycopy(labels, i * labelBytes, own, 0, labelBytes);
            out.writeBytes(cifarRecord(from + i, own));
        }
        return out.toByteArray();
    }

    /**
     * The files of a tiny CIFAR-10 in its archive's layout: batch {@code b} (1..5) holds images
     * {@code 2(b-1)} and {@code 2(b-1)+1} with labels {@code b-1} and {@code 9-(b-1)}; the test
     * batch images 100 and 101, labels 3 and 7.
     */
    static Map<String, byte[]> cifar10() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int b = 1; b <= 5; b++) {
            files.put("cifar-10-batches-bin/data_batch_" + b + ".bin", cifarRecords(2 * (b - 1), 1, b - 1, 10 - b));
        }
        files.put("cifar-10-batches-bin/test_batch.bin", cifarRecords(100, 1, 3, 7));
        files.put("cifar-10-batches-bin/batches.meta.txt", "airplane\nautomobile\n".getBytes());
        return files;
    }

    /**
     * The files of a tiny STL-10 in its archive's layout: train images 0..2 (labels 1, 10, 5),
     * test images 100 and 101 (labels 2, 9), unlabeled images 200..206.
     */
    static Map<String, byte[]> stl10() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("stl10_binary/train_X.bin", stlImages(0, 3));
        files.put("stl10_binary/train_y.bin", new byte[] {1, 10, 5});
        files.put("stl10_binary/test_X.bin", stlImages(100, 2));
        files.put("stl10_binary/test_y.bin", new byte[] {2, 9});
        files.put("stl10_binary/unlabeled_X.bin", stlImages(200, 7));
        return files;
    }

    /** Writes {@code files} (relative names) under {@code folder}; returns {@code folder}. */
    static Path write(Path folder, Map<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path target = folder.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
        return folder;
    }

    /** A {@code .tar.gz} archive of {@code files} by entry name, with an entry for each folder. */
    static byte[] tarGz(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            Set<String> folders = new HashSet<>();
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                int slash = file.getKey().lastIndexOf('/');
                if (slash > 0 && folders.add(file.getKey().substring(0, slash + 1))) {
                    tar.putArchiveEntry(new TarArchiveEntry(file.getKey().substring(0, slash + 1)));
                    tar.closeArchiveEntry();
                }
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
