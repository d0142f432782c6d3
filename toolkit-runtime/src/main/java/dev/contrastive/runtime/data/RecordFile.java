package dev.contrastive.runtime.data;

import dev.contrastive.runtime.UserError;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A file of fixed-length records without a header, as the binary versions of CIFAR and STL-10
 * are: its length, a whole and non-zero number of records, is all that tells a truncated file.
 */
final class RecordFile {

    /** Receives one record: its index in the file and its bytes, in an array reused for the next. */
    interface RecordAction {
        void accept(int index, byte[] record);
    }

    private RecordFile() {
    }

    /**
     * The number of records in {@code file}.
     *
     * @param layout what one record holds, for the message
     * @throws UserError naming the file when it is missing, empty or not a whole number of records
     */
    static int count(Path file, int recordBytes, String layout) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new UserError(UserError.DATA, "missing " + file);
        } catch (IOException e) {
            throw new UserError(UserError.DATA, "cannot read " + file + ": " + e.getMessage());
        }
        if (size == 0 || size % recordBytes != 0 || size / recordBytes > Integer.MAX_VALUE) {
            throw new UserError(UserError.DATA, file + " is truncated or corrupt: its " + size + " bytes are not "
                    + "a whole number of " + recordBytes + "-byte records (" + layout + "); download it again");
        }
        return (int) (size / recordBytes);
    }

    /** Hands the first {@code count} records of {@code file} to {@code action}, in order. */
    static void forEach(Path file, int recordBytes, int count, RecordAction action) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] record = new byte[recordBytes];
            for (int i = 0; i < count; i++) {
                if (in.readNBytes(record, 0, recordBytes) < recordBytes) {
                    throw new UserError(UserError.DATA, file + " became shorter while it was read (" + i + " of "
                            + count + " records); download it again");
                }
                action.accept(i, record);
            }
        } catch (IOException e) {
            throw new UserError(UserError.DATA, "cannot read " + file + ": " + e.getMessage());
        }
    }
}
