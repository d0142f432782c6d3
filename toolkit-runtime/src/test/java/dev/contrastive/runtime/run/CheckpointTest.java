package dev.contrastive.runtime.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.contrastive.runtime.UserError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
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
 * Checkpoints prove their integrity: a checksum over each, header fields checked against the bytes
 * left and the run's arrays before any allocation, old checkpoints without a checksum still read,
 * and a damaged {@code last.ckpt} falling back on the newest intact {@code epoch-N.ckpt}.
 */
class CheckpointTest {

    @TempDir
    Path dir;

    private NDManager manager;
    private Map<String, NDArray> state;

    @BeforeEach
    void arrays() {
        manager = NDManager.newBaseManager();
        state = new LinkedHashMap<>();
        state.put("encoder.weight", manager.arange(24f).reshape(2, 3, 4));
        state.put("queue.pointer", manager.create(new long[] {7}));
        state.put("optimizer.momentum.0", manager.create(new float[] {0.5f, -1.5f}));
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Map<String, NDArray> zeros() {
        Map<String, NDArray> live = new LinkedHashMap<>();
        state.forEach((name, array) -> live.put(name, manager.zeros(array.getShape(), array.getDataType())));
        return live;
    }

    private Path written() throws IOException {
        Path file = dir.resolve("last.ckpt");
        Map<String, Double> sums = new LinkedHashMap<>(); // ordered: the epoch record keeps the metrics' order
        sums.put("loss", 12.5);
        sums.put("L_C", 3.25);
        CheckpointFormat.write(file, new RunProgress(1, 6, sums), state);
        return file;
    }

    @Test
    void restoresArraysAndWhereTrainingStood() throws IOException {
        Checkpoint checkpoint = CheckpointFormat.read(written());
        assertThat(checkpoint.progress().epochs()).isEqualTo(1);
        assertThat(checkpoint.progress().steps()).isEqualTo(6);
        assertThat(checkpoint.progress().sums()).containsExactly(Map.entry("loss", 12.5), Map.entry("L_C", 3.25));
        Map<String, NDArray> live = zeros();
        checkpoint.restoreTraining(live, Map.of(), manager);
        state.forEach((name, array) -> assertThat(live.get(name).contentEquals(array)).as(name).isTrue());
    }

    /** Cut at every length, or one byte changed anywhere: always {@link DamagedCheckpoint}, nothing else. */
    @Test
    void everyTruncationAndEveryChangedByteIsRecognisedAsDamage() throws IOException {
        byte[] bytes = Files.readAllBytes(written());
        Path file = dir.resolve("damaged.ckpt");
        for (int length = 0; length < bytes.length; length++) {
            Files.write(file, Arrays.copyOf(bytes, length));
            assertThatThrownBy(() -> CheckpointFormat.read(file)).as("cut at %d", length)
                    .isInstanceOf(DamagedCheckpoint.class).hasMessageContaining("damaged");
        }
        for (int at = 0; at < bytes.length; at++) {
            byte[] changed = bytes.clone();
            changed[at] ^= 0x10;
            Files.write(file, changed);
            assertThatThrownBy(() -> CheckpointFormat.read(file)).as("byte %d changed", at)
                    .isInstanceOf(DamagedCheckpoint.class);
        }
    }

    /**
     * Header fields that lie, in a file whose checksum was made to match: refused before anything
     * is allocated, however large the claim.
     */
    @Test
    void implausibleHeaderFieldsAreRefusedBeforeAllocating() throws IOException {
        byte[] bytes = Files.readAllBytes(written());
        int arrays = indexAfter(bytes, "L_C") + 8; // after the last sum's value: the array count
        int firstNdim = indexAfter(bytes, "FLOAT32");
        int firstLength = firstNdim + 4 + 3 * 8;
        Map<String, int[]> lies = Map.of(
                "array count", new int[] {arrays, Integer.MAX_VALUE},
                "negative array count", new int[] {arrays, -1},
                "dimensions", new int[] {firstNdim, 1 << 30},
                "byte length", new int[] {firstLength, Integer.MAX_VALUE},
                "negative byte length", new int[] {firstLength, -8});
        for (Map.Entry<String, int[]> lie : lies.entrySet()) {
            byte[] forged = bytes.clone();
            ByteBuffer.wrap(forged).putInt(lie.getValue()[0], lie.getValue()[1]);
            Path file = dir.resolve("forged.ckpt");
            Files.write(file, withChecksum(forged));
            assertThatThrownBy(() -> CheckpointFormat.read(file)).as(lie.getKey()).isInstanceOf(DamagedCheckpoint.class);
        }
    }

    @Test
    void namesTheCheckpointAndTheRunDoNotShareAreRefusedAllNamedBeforeAnythingIsCopied() throws IOException {
        Checkpoint checkpoint = CheckpointFormat.read(written());
        Map<String, NDArray> live = zeros();
        live.remove("encoder.weight");
        live.put("online.encoder.weight", manager.zeros(new Shape(2, 3, 4)));
        live.put("online.head.weight", manager.zeros(new Shape(2)));
        assertThatThrownBy(() -> checkpoint.restoreTraining(live, Map.of(), manager)).isInstanceOf(UserError.class)
                .hasMessageContaining("the run has no array 'encoder.weight'")
                .hasMessageContaining("it lacks 'online.encoder.weight', 'online.head.weight'")
                .satisfies(e -> assertThat(((UserError) e).exitCode()).isEqualTo(UserError.TRAINING));
        assertThat(live.get("queue.pointer").toLongArray()).as("nothing copied").containsExactly(0);
    }

    @Test
    void anArrayUnderAFormerNameIsRestoredUnderItsNewOne() throws IOException {
        Checkpoint checkpoint = CheckpointFormat.read(written());
        Map<String, NDArray> live = zeros();
        NDArray buffer = live.remove("optimizer.momentum.0");
        live.put("optimizer.momentum.encoder.weight", buffer);
        checkpoint.restoreTraining(live, Map.of("optimizer.momentum.0", "optimizer.momentum.encoder.weight"), manager);
        assertThat(buffer.toFloatArray()).containsExactly(0.5f, -1.5f);
    }

    @Test
    void aShapeOtherThanTheRunsIsAMismatchNamingTheArray() throws IOException {
        Checkpoint checkpoint = CheckpointFormat.read(written());
        Map<String, NDArray> live = zeros();
        live.put("encoder.weight", manager.zeros(new Shape(2, 3, 5)));
        assertThatThrownBy(() -> checkpoint.restoreTraining(live, Map.of(), manager)).isInstanceOf(UserError.class)
                .isNotInstanceOf(DamagedCheckpoint.class)
                .hasMessageContaining("does not match this run's model").hasMessageContaining("encoder.weight")
                .hasMessageContaining("(2, 3, 4) there, (2, 3, 5) here");
    }

    /** Format 1 (toolkit 0.2.0): no checksum, arrays in DJL's encoding; still read, and checked. */
    @Test
    void checkpointsOfFormatOneAreStillReadAndTheirHeadersChecked() throws IOException {
        byte[] old = formatOne(state);
        Path file = dir.resolve("old.ckpt");
        Files.write(file, old);
        Checkpoint checkpoint = CheckpointFormat.read(file);
        assertThat(checkpoint.progress().epochs()).isEqualTo(3);
        Map<String, NDArray> live = zeros();
        checkpoint.restoreModel(live, manager);
        assertThat(live.get("encoder.weight").contentEquals(state.get("encoder.weight"))).isTrue();

        int afterEpochs = 2 + "contrastive-toolkit-checkpoint-1".length() + 4; // format 1's epoch count is unchecked
        for (int at = afterEpochs; at < old.length; at++) {
            byte[] changed = old.clone();
            changed[at] ^= 0x40;
            Files.write(file, changed);
            Map<String, NDArray> target = zeros();
            try {
                CheckpointFormat.read(file).restoreModel(target, manager);
            } catch (UserError expected) {
                continue; // damage seen: a message, no crash
            }
            // damage within the values is what format 1 cannot see; anything else must not pass
            assertThat(at).as("byte %d changed and restored", at).isGreaterThan(valuesStart(old));
        }
    }

    @Test
    void aDamagedLastCheckpointFallsBackOnTheNewestIntactEpochCheckpoint() throws IOException {
        RunDirectory run = new RunDirectory(Files.createDirectories(dir.resolve("run")));
        Files.createDirectories(run.lastCheckpoint().getParent());
        CheckpointFormat.write(run.epochCheckpoint(1), RunProgress.after(1), state);
        CheckpointFormat.write(run.epochCheckpoint(2), RunProgress.after(2), state);
        CheckpointFormat.write(run.epochCheckpoint(10), RunProgress.after(10), state);
        Files.write(run.epochCheckpoint(10), new byte[] {1, 2, 3});
        CheckpointFormat.write(run.lastCheckpoint(), RunProgress.after(11), state);
        byte[] damaged = Arrays.copyOf(Files.readAllBytes(run.lastCheckpoint()), 40);
        Files.write(run.lastCheckpoint(), damaged);

        List<String> notices = new ArrayList<>();
        Checkpoint fallback = CheckpointFallback.newestIntact(run, notices::add);
        assertThat(fallback.file()).isEqualTo(run.epochCheckpoint(2));
        assertThat(notices).singleElement().asString().contains("last.ckpt is damaged")
                .contains("using checkpoints/epoch-2.ckpt instead (after epoch 2)");
        assertThat(run.lastCheckpoint()).hasBinaryContent(damaged);

        Files.delete(run.epochCheckpoint(1));
        Files.delete(run.epochCheckpoint(2));
        assertThatThrownBy(() -> CheckpointFallback.newestIntact(run, notices::add)).isInstanceOf(UserError.class)
                .hasMessageContaining("last.ckpt is damaged").hasMessageContaining("so are checkpoints/epoch-10.ckpt")
                .satisfies(e -> assertThat(((UserError) e).exitCode()).isEqualTo(5));
        assertThat(run.lastCheckpoint()).hasBinaryContent(damaged);
    }

    private static int indexAfter(byte[] bytes, String text) {
        byte[] needle = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                return i + needle.length;
            }
        }
        throw new AssertionError(text + " not found");
    }

    private static byte[] withChecksum(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
        return bytes;
    }

    /** The writer of toolkit 0.2.0, as it was. */
    private static byte[] formatOne(Map<String, NDArray> state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF("contrastive-toolkit-checkpoint-1");
            out.writeInt(3);
            out.writeInt(state.size());
            for (Map.Entry<String, NDArray> entry : state.entrySet()) {
                byte[] encoded = entry.getValue().encode();
                out.writeUTF(entry.getKey());
                out.writeInt(encoded.length);
                out.write(encoded);
            }
        }
        return bytes.toByteArray();
    }

    /** Where the first array's values begin in a format-1 file: everything before is structure. */
    private int valuesStart(byte[] old) {
        NDArray first = state.values().iterator().next();
        int header = (int) (first.encode().length - first.size() * first.getDataType().getNumOfBytes());
        return indexAfter(old, "encoder.weight") + 4 + header - 1;
    }
}
