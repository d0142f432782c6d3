package dev.contrastive.runtime.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.io.AtomicFiles;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The checkpoint file, format 2: a magic line, where training stood ({@link RunProgress}),
 * every named array (name, data type, shape, bytes), closed by a CRC-32C of everything before it,
 * so a file changed or cut short afterwards is recognised as damaged before anything in it is
 * used. Written atomically (temporary file, fsync, rename), so a crash or a full disk leaves the
 * previous one intact. Every count, length and shape is checked against the bytes that remain
 * before any array is allocated. Format 1 is read by {@link LegacyCheckpoint}.
 */
public final class CheckpointFormat {

    private static final String MAGIC = "contrastive-toolkit-checkpoint-2";
    private static final int MAX_DIMENSIONS = 16;

    private CheckpointFormat() {
    }

    /** Writes {@code state} at {@code progress}, with its checksum. */
    public static void write(Path file, RunProgress progress, Map<String, NDArray> state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(MAGIC);
            out.writeInt(progress.epochs());
            out.writeInt(progress.steps());
            out.writeInt(progress.sums().size());
            for (Map.Entry<String, Double> sum : progress.sums().entrySet()) {
                out.writeUTF(sum.getKey());
                out.writeDouble(sum.getValue());
            }
            out.writeInt(state.size());
            for (Map.Entry<String, NDArray> entry : state.entrySet()) {
                NDArray array = entry.getValue();
                byte[] data = array.toByteArray();
                out.writeUTF(entry.getKey());
                out.writeUTF(array.getDataType().name());
                long[] dims = array.getShape().getShape();
                out.writeInt(dims.length);
                for (long dim : dims) {
                    out.writeLong(dim);
                }
                out.writeInt(data.length);
                out.write(data);
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes.toByteArray());
        new DataOutputStream(bytes).writeInt((int) crc.getValue());
        AtomicFiles.write(file, bytes.toByteArray());
    }

    /**
     * Reads and verifies a checkpoint: its checksum, then every header field against the bytes
     * that remain. Allocates no array.
     *
     * @throws DamagedCheckpoint if the file cannot be trusted
     * @throws UserError if it cannot be read at all
     */
    public static Checkpoint read(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > Integer.MAX_VALUE - 8) {
                throw new DamagedCheckpoint(file, "it is " + Files.size(file) + " bytes long, more than a checkpoint can be");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserError(UserError.TRAINING, "cannot read checkpoint " + file + ": " + e);
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            String magic = in.readUTF();
            if (MAGIC.equals(magic)) {
                verifyChecksum(file, bytes);
                return readV2(file, bytes, new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 4)));
            }
            if (LegacyCheckpoint.MAGIC.equals(magic)) {
                return LegacyCheckpoint.read(file, bytes, in);
            }
            throw new DamagedCheckpoint(file, "it does not start as a toolkit checkpoint does");
        } catch (IOException e) { // EOF or malformed UTF: cut short or overwritten
            throw new DamagedCheckpoint(file, e instanceof EOFException ? "it ends before its contents do (cut short)"
                    : "its structure is broken (" + e.getMessage() + ")");
        }
    }

    private static void verifyChecksum(Path file, byte[] bytes) {
        if (bytes.length < 4) {
            throw new DamagedCheckpoint(file, "it is cut short");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
        if (stored != (int) crc.getValue()) {
            throw new DamagedCheckpoint(file, "its checksum does not match its contents (changed or cut short after "
                    + "it was written)");
        }
    }

    private static Checkpoint readV2(Path file, byte[] bytes, DataInputStream in) throws IOException {
        in.readUTF();
        int epochs = in.readInt();
        int steps = in.readInt();
        if (epochs < 0 || steps < 0) {
            throw new DamagedCheckpoint(file, "it claims " + epochs + " epochs and " + steps + " steps");
        }
        int sumCount = count(file, in, "sums", 10);
        Map<String, Double> sums = new LinkedHashMap<>();
        for (int i = 0; i < sumCount; i++) {
            sums.put(in.readUTF(), in.readDouble());
        }
        int arrayCount = count(file, in, "arrays", 2 + 2 + 4 + 4);
        List<StoredArray> entries = new ArrayList<>(arrayCount);
        for (int i = 0; i < arrayCount; i++) {
            String name = in.readUTF();
            String typeName = in.readUTF();
            DataType type = Arrays.stream(DataType.values()).filter(t -> t.name().equals(typeName)).findFirst()
                    .orElseThrow(() -> new DamagedCheckpoint(file, name + " has an unknown data type '" + typeName + "'"));
            int ndim = in.readInt();
            if (ndim < 0 || ndim > MAX_DIMENSIONS || ndim * 8L > in.available()) {
                throw new DamagedCheckpoint(file, name + " claims " + ndim + " dimensions");
            }
            long[] dims = new long[ndim];
            long size = 1;
            for (int d = 0; d < ndim; d++) {
                dims[d] = in.readLong();
                if (dims[d] < 0 || dims[d] > Integer.MAX_VALUE || (size *= dims[d]) > Integer.MAX_VALUE) {
                    throw new DamagedCheckpoint(file, name + " claims the shape " + Arrays.toString(dims));
                }
            }
            int length = in.readInt();
            if (length != size * type.getNumOfBytes() || length > in.available()) {
                throw new DamagedCheckpoint(file, name + " claims " + length + " bytes for shape " + new Shape(dims) + " of "
                        + type + ", " + in.available() + " bytes left");
            }
            int offset = bytes.length - 4 - in.available();
            in.skipNBytes(length);
            entries.add(new StoredArray(name, type, new Shape(dims), bytes, offset, length, false));
        }
        if (in.available() != 0) {
            throw new DamagedCheckpoint(file, in.available() + " bytes follow the last array");
        }
        return new Checkpoint(file, new RunProgress(epochs, steps, sums), entries);
    }

    /** A count of records of at least {@code minBytes} each, checked against the bytes left. */
    static int count(Path file, DataInputStream in, String what, int minBytes) throws IOException {
        int count = in.readInt();
        if (count < 0 || (long) count * minBytes > in.available()) {
            throw new DamagedCheckpoint(file, "it claims " + count + " " + what + " in " + in.available() + " bytes");
        }
        return count;
    }

}
