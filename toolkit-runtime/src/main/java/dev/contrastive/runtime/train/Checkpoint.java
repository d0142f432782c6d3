package dev.contrastive.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.eval.OnlineLinearProbe;
import dev.contrastive.runtime.io.AtomicFiles;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * A training checkpoint: where training stood ({@link Progress}) and every named state array.
 * Written atomically (temporary file, fsync, rename), so a crash or a full disk leaves the
 * previous one intact, and closed by a CRC-32C of everything before it, so a file changed or cut
 * short afterwards is recognised as damaged before anything in it is used. Every count, length
 * and shape in it is checked against the bytes that remain and against the run's arrays before
 * any array is allocated.
 *
 * <p>Checkpoints of format 1 (toolkit 0.2.0 and before, no checksum) are still read: their
 * arrays, in DJL's encoding, are only decoded after their headers matched the run's arrays.
 */
public final class Checkpoint {

    private static final String MAGIC_V1 = "contrastive-toolkit-checkpoint-1";
    private static final String MAGIC = "contrastive-toolkit-checkpoint-2";
    private static final int MAX_DIMENSIONS = 16;

    /**
     * Where training stood when a checkpoint was written.
     *
     * @param epochs epochs completed
     * @param steps steps of the next epoch completed (0 at an epoch's end; see
     *     {@code train.checkpoint_every_steps})
     * @param sums the running sums of that epoch's step metrics, for its epoch record
     */
    public record Progress(int epochs, int steps, Map<String, Double> sums) {

        /** Copies the sums, keeping their order. */
        public Progress {
            sums = Collections.unmodifiableMap(new LinkedHashMap<>(sums));
        }

        /** After {@code epochs} whole epochs. */
        public static Progress after(int epochs) {
            return new Progress(epochs, 0, Map.of());
        }

        /** "epoch 2" or "step 40 of epoch 3", for messages. */
        public String describe() {
            return steps == 0 ? "epoch " + epochs : "step " + steps + " of epoch " + (epochs + 1);
        }
    }

    /** A checkpoint that cannot be trusted: cut short, changed on disk, or not a checkpoint at all. */
    public static final class Damaged extends UserError {

        private static final long serialVersionUID = 1L;

        Damaged(Path file, String detail) {
            super(UserError.TRAINING, "checkpoint " + file + " is damaged: " + detail);
        }
    }

    /** One stored array, not yet allocated. */
    private record Entry(String name, DataType type, Shape shape, byte[] file, int offset, int length, boolean djl) {
    }

    private final Path file;
    private final Progress progress;
    private final List<Entry> entries;

    private Checkpoint(Path file, Progress progress, List<Entry> entries) {
        this.file = file;
        this.progress = progress;
        this.entries = entries;
    }

    /** The file read. */
    public Path file() {
        return file;
    }

    /** Where training stood. */
    public Progress progress() {
        return progress;
    }

    /** Writes {@code state} at {@code progress}, with its checksum. */
    static void write(Path file, Progress progress, Map<String, NDArray> state) throws IOException {
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
     * @throws Damaged if the file cannot be trusted
     * @throws UserError if it cannot be read at all
     */
    public static Checkpoint read(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > Integer.MAX_VALUE - 8) {
                throw new Damaged(file, "it is " + Files.size(file) + " bytes long, more than a checkpoint can be");
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
            if (MAGIC_V1.equals(magic)) {
                return readV1(file, bytes, in);
            }
            throw new Damaged(file, "it does not start as a toolkit checkpoint does");
        } catch (IOException e) { // EOF or malformed UTF: cut short or overwritten
            throw new Damaged(file, e instanceof EOFException ? "it ends before its contents do (cut short)"
                    : "its structure is broken (" + e.getMessage() + ")");
        }
    }

    private static void verifyChecksum(Path file, byte[] bytes) {
        if (bytes.length < 4) {
            throw new Damaged(file, "it is cut short");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
        if (stored != (int) crc.getValue()) {
            throw new Damaged(file, "its checksum does not match its contents (changed or cut short after "
                    + "it was written)");
        }
    }

    private static Checkpoint readV2(Path file, byte[] bytes, DataInputStream in) throws IOException {
        in.readUTF();
        int epochs = in.readInt();
        int steps = in.readInt();
        if (epochs < 0 || steps < 0) {
            throw new Damaged(file, "it claims " + epochs + " epochs and " + steps + " steps");
        }
        int sumCount = count(file, in, "sums", 10);
        Map<String, Double> sums = new LinkedHashMap<>();
        for (int i = 0; i < sumCount; i++) {
            sums.put(in.readUTF(), in.readDouble());
        }
        int arrayCount = count(file, in, "arrays", 2 + 2 + 4 + 4);
        List<Entry> entries = new ArrayList<>(arrayCount);
        for (int i = 0; i < arrayCount; i++) {
            String name = in.readUTF();
            String typeName = in.readUTF();
            DataType type = Arrays.stream(DataType.values()).filter(t -> t.name().equals(typeName)).findFirst()
                    .orElseThrow(() -> new Damaged(file, name + " has an unknown data type '" + typeName + "'"));
            int ndim = in.readInt();
            if (ndim < 0 || ndim > MAX_DIMENSIONS || ndim * 8L > in.available()) {
                throw new Damaged(file, name + " claims " + ndim + " dimensions");
            }
            long[] dims = new long[ndim];
            long size = 1;
            for (int d = 0; d < ndim; d++) {
                dims[d] = in.readLong();
                if (dims[d] < 0 || dims[d] > Integer.MAX_VALUE || (size *= dims[d]) > Integer.MAX_VALUE) {
                    throw new Damaged(file, name + " claims the shape " + Arrays.toString(dims));
                }
            }
            int length = in.readInt();
            if (length != size * type.getNumOfBytes() || length > in.available()) {
                throw new Damaged(file, name + " claims " + length + " bytes for shape " + new Shape(dims) + " of "
                        + type + ", " + in.available() + " bytes left");
            }
            int offset = bytes.length - 4 - in.available();
            in.skipNBytes(length);
            entries.add(new Entry(name, type, new Shape(dims), bytes, offset, length, false));
        }
        if (in.available() != 0) {
            throw new Damaged(file, in.available() + " bytes follow the last array");
        }
        return new Checkpoint(file, new Progress(epochs, steps, sums), entries);
    }

    private static Checkpoint readV1(Path file, byte[] bytes, DataInputStream in) throws IOException {
        int epochs = in.readInt();
        if (epochs < 0) {
            throw new Damaged(file, "it claims " + epochs + " epochs");
        }
        int arrayCount = count(file, in, "arrays", 2 + 4);
        List<Entry> entries = new ArrayList<>(arrayCount);
        for (int i = 0; i < arrayCount; i++) {
            String name = in.readUTF();
            int length = in.readInt();
            if (length < 0 || length > in.available()) {
                throw new Damaged(file, name + " claims " + length + " bytes, " + in.available() + " bytes left");
            }
            int offset = bytes.length - in.available();
            in.skipNBytes(length);
            entries.add(new Entry(name, null, null, bytes, offset, length, true));
        }
        return new Checkpoint(file, Progress.after(epochs), entries);
    }

    /** A count of records of at least {@code minBytes} each, checked against the bytes left. */
    private static int count(Path file, DataInputStream in, String what, int minBytes) throws IOException {
        int count = in.readInt();
        if (count < 0 || (long) count * minBytes > in.available()) {
            throw new Damaged(file, "it claims " + count + " " + what + " in " + in.available() + " bytes");
        }
        return count;
    }

    /**
     * Reads the run's newest intact checkpoint: {@code last.ckpt}, or, when that is damaged, the
     * newest intact {@code epoch-N.ckpt}, saying so through {@code notice}. The damaged file is left
     * as it is.
     *
     * @throws UserError (exit code 5) if there is none
     */
    public static Checkpoint readNewestIntact(RunDirectory run, Consumer<String> notice) {
        try {
            return read(run.lastCheckpoint());
        } catch (Damaged damaged) {
            List<String> alsoDamaged = new ArrayList<>();
            for (Path kept : run.epochCheckpoints()) {
                try {
                    Checkpoint fallback = read(kept);
                    notice.accept("warning: " + damaged.getMessage() + "; using " + run.root().relativize(kept)
                            + " instead (after " + fallback.progress().describe() + ")");
                    return fallback;
                } catch (Damaged also) {
                    alsoDamaged.add(run.root().relativize(kept).toString());
                }
            }
            throw new UserError(UserError.TRAINING, damaged.getMessage() + "; "
                    + (alsoDamaged.isEmpty() ? "there is no epoch-N.ckpt to fall back on (train.checkpoint_every)"
                            : "so are " + String.join(", ", alsoDamaged))
                    + ". The file is left as it is; restore it from a backup, or start the run again");
        }
    }

    /**
     * Copies the arrays into the live state of the same names, to resume training. The online
     * probe may have been switched on or off since: its arrays may be missing on either side (a
     * probe the checkpoint lacks starts afresh).
     *
     * @throws UserError if the checkpoint does not match the run's model and objective
     */
    void restoreTraining(Map<String, NDArray> state, Map<String, String> formerNames, NDManager manager) {
        restore(state, formerNames, manager, List.of(OnlineLinearProbe.STATE_PREFIX));
    }

    /**
     * Copies the model and objective state, leaving out the trainer's own (the optimiser's and the
     * online probe's), for evaluating a run without training it further.
     */
    public void restoreModel(Map<String, NDArray> state, NDManager manager) {
        restore(state, Map.of(), manager, List.of(Sgd.STATE_PREFIX, OnlineLinearProbe.STATE_PREFIX));
    }

    /**
     * Checks every name on both sides before copying anything: a name of the checkpoint the run
     * lacks, or one of the run the checkpoint lacks, is refused, all of them named.
     *
     * @param formerNames names arrays had in older checkpoints, each to the run's name for it; used
     *     only for a name the run does not have
     * @param optional prefixes of arrays that may be missing on either side
     */
    private void restore(Map<String, NDArray> state, Map<String, String> formerNames, NDManager manager,
            List<String> optional) {
        Map<String, Entry> found = new LinkedHashMap<>();
        Set<String> unknown = new TreeSet<>();
        for (Entry entry : entries) {
            String name = state.containsKey(entry.name()) ? entry.name()
                    : formerNames.getOrDefault(entry.name(), entry.name());
            if (state.containsKey(name) && found.putIfAbsent(name, entry) == null) {
                continue;
            }
            if (optional.stream().noneMatch(entry.name()::startsWith)) {
                unknown.add(entry.name());
            }
        }
        Set<String> missing = new TreeSet<>(state.keySet());
        missing.removeAll(found.keySet());
        missing.removeIf(name -> optional.stream().anyMatch(name::startsWith));
        List<String> problems = new ArrayList<>();
        if (!unknown.isEmpty()) {
            problems.add("the run has no array " + listed(unknown));
        }
        if (!missing.isEmpty()) {
            problems.add("it lacks " + listed(missing));
        }
        if (!problems.isEmpty()) {
            throw mismatch(String.join("; ", problems) + ". Arrays are matched by name (the objective's parts, "
                    + "their parameters, and the optimiser's buffer of each); a plugin that renamed a part, or "
                    + "another objective or model, cannot resume this checkpoint");
        }
        found.forEach((name, entry) -> {
            NDArray live = state.get(name);
            try (NDArray saved = entry.djl() ? decodeV1(entry, live, manager) : allocate(entry, live, manager)) {
                saved.toType(live.getDataType(), false).copyTo(live);
            }
        });
    }

    /** Up to ten names, quoted, and how many more. */
    private static String listed(Set<String> names) {
        List<String> first = names.stream().limit(10).map(n -> "'" + n + "'").toList();
        return String.join(", ", first) + (names.size() > first.size()
                ? " and " + (names.size() - first.size()) + " more" : "");
    }

    private NDArray allocate(Entry entry, NDArray live, NDManager manager) {
        if (!entry.shape().equals(live.getShape())) {
            throw mismatch(entry.name() + " is " + entry.shape() + " there, " + live.getShape() + " here");
        }
        ByteBuffer data = manager.allocateDirect(entry.length()).order(ByteOrder.nativeOrder());
        data.put(entry.file(), entry.offset(), entry.length()).rewind();
        return manager.create(data, entry.shape(), entry.type());
    }

    /**
     * An array of format 1, in DJL's encoding: decoded only when everything but its values is what
     * the live array's own encoding has, so no corrupt header reaches DJL's decoder.
     */
    private NDArray decodeV1(Entry entry, NDArray live, NDManager manager) {
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

    private UserError mismatch(String detail) {
        return new UserError(UserError.TRAINING, "checkpoint " + file
                + " does not match this run's model and objective: " + detail);
    }
}
