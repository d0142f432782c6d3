package dev.contrastive.runtime.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.contrastive.runtime.UserError;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checkpoints of format 1 (toolkit 0.2.0 and before: no checksum, arrays in DJL's encoding),
 * still read: an array is only decoded after its header matched the run's array.
 */
final class LegacyCheckpoint {

    static final String MAGIC = "contrastive-toolkit-checkpoint-1";

    private LegacyCheckpoint() {
    }

    /** Reads the rest of a format-1 file, after its magic line. */
    static Checkpoint read(Path file, byte[] bytes, DataInputStream in) throws IOException {
        int epochs = in.readInt();
        if (epochs < 0) {
            throw new DamagedCheckpoint(file, "it claims " + epochs + " epochs");
        }
        int arrayCount = CheckpointFormat.count(file, in, "arrays", 2 + 4);
        List<StoredArray> entries = new ArrayList<>(arrayCount);
        for (int i = 0; i < arrayCount; i++) {
            String name = in.readUTF();
            int length = in.readInt();
            if (length < 0 || length > in.available()) {
                throw new DamagedCheckpoint(file, name + " claims " + length + " bytes, " + in.available() + " bytes left");
            }
            int offset = bytes.length - in.available();
            in.skipNBytes(length);
            entries.add(new StoredArray(name, null, null, bytes, offset, length, true));
        }
        return new Checkpoint(file, RunProgress.after(epochs), entries);
    }

    /**
     * An array of format 1, in DJL's encoding: decoded only when everything but its values is what
     * the live array's own encoding has, so no corrupt header reaches DJL's decoder.
     */
    static NDArray decode(Path file, StoredArray entry, NDArray live, NDManager manager) {
        byte[] expected = live.encode();
        long values = live.size() * live.getDataType().getNumOfBytes();
        int header = (int) (expected.length - values);
        if (entry.length() != expected.length || !Arrays.equals(entry.file(), entry.offset(),
                entry.offset() + header, expected, 0, header)) {
            throw new UserError(UserError.TRAINING, "checkpoint " + file + " (format 1, without checksum): "
                    + entry.name() + " is not an array of shape " + live.getShape() + " and type "
                    + live.getDataType() + " as this run's is; either the file is damaged or it belongs to another "
                    + "model. Resume from an intact copy, or start the run again");
        }
        return NDArray.decode(manager, Arrays.copyOfRange(entry.file(), entry.offset(),
                entry.offset() + entry.length()));
    }

}
