package dev.contrastive.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.eval.OnlineLinearProbe;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A training checkpoint: the epochs completed and every named state array. Written atomically
 * (temporary file, fsync, rename), so a crash or a full disk leaves the previous one intact.
 */
public final class Checkpoint {

    private static final String MAGIC = "contrastive-toolkit-checkpoint-1";

    private Checkpoint() {
    }

    /** Writes {@code state} after {@code epochsDone} epochs. */
    static void write(Path file, int epochsDone, Map<String, NDArray> state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(MAGIC);
            out.writeInt(epochsDone);
            out.writeInt(state.size());
            for (Map.Entry<String, NDArray> entry : state.entrySet()) {
                byte[] encoded = entry.getValue().encode();
                out.writeUTF(entry.getKey());
                out.writeInt(encoded.length);
                out.write(encoded);
            }
        }
        writeAtomically(file, bytes.toByteArray());
    }

    /** Writes bytes to a sibling temporary file, forces them to disk, then renames over {@code file}. */
    public static void writeAtomically(Path file, byte[] data) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(data);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Copies a checkpoint's arrays into the live state of the same names, to resume training. The
     * online probe may have been switched on or off since: its arrays may be missing on either
     * side (a probe the checkpoint lacks starts afresh).
     *
     * @return the epochs the checkpoint had completed
     * @throws UserError if the file is corrupt or does not match the run's model
     */
    static int restoreTraining(Path file, Map<String, NDArray> state, NDManager manager) {
        return restore(file, state, manager, List.of(OnlineLinearProbe.STATE_PREFIX));
    }

    /**
     * Copies the model and objective state of a checkpoint, leaving out the trainer's own (the
     * optimiser's and the online probe's), for evaluating a run without training it further.
     *
     * @return the epochs the checkpoint had completed
     */
    public static int restoreModel(Path file, Map<String, NDArray> state, NDManager manager) {
        return restore(file, state, manager, List.of(Sgd.STATE_PREFIX, OnlineLinearProbe.STATE_PREFIX));
    }

    /** @param optional prefixes of arrays that may be missing on either side */
    private static int restore(Path file, Map<String, NDArray> state, NDManager manager, List<String> optional) {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
            if (!MAGIC.equals(in.readUTF())) {
                throw new UserError(UserError.TRAINING, file + " is not a toolkit checkpoint");
            }
            int epochs = in.readInt();
            int count = in.readInt();
            Set<String> restored = new HashSet<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                byte[] encoded = new byte[in.readInt()];
                in.readFully(encoded);
                NDArray live = state.get(name);
                if (live == null && optional.stream().anyMatch(name::startsWith)) {
                    continue;
                }
                if (live == null) {
                    throw mismatch(file, "the run has no array '" + name + "'");
                }
                try (NDArray saved = NDArray.decode(manager, encoded)) {
                    if (!saved.getShape().equals(live.getShape())) {
                        throw mismatch(file, name + " is " + saved.getShape() + " there, " + live.getShape() + " here");
                    }
                    saved.toType(live.getDataType(), false).copyTo(live);
                }
                restored.add(name);
            }
            Set<String> missing = new TreeSet<>(state.keySet());
            missing.removeAll(restored);
            missing.removeIf(name -> optional.stream().anyMatch(name::startsWith));
            if (!missing.isEmpty()) {
                throw mismatch(file, "it lacks " + missing);
            }
            return epochs;
        } catch (EOFException e) {
            throw new UserError(UserError.TRAINING, file + " is truncated");
        } catch (IOException e) {
            throw new UserError(UserError.TRAINING, "cannot read checkpoint " + file + ": " + e.getMessage());
        }
    }

    private static UserError mismatch(Path file, String detail) {
        return new UserError(UserError.TRAINING, "checkpoint " + file
                + " does not match this run's model and objective: " + detail);
    }
}
