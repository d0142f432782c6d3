package dev.contrastive.runtime.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.io.WriteFailure;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Appends one JSON object per line to {@code metrics.jsonl}, flushed at once; and reads such a
 * log back, the one reader every part of the toolkit uses. A process killed during an append
 * leaves a torn last line: the next writer ends it before appending, so the new record stays a
 * line of its own, and the reader skips it.
 *
 * <p>Training's records are never logged twice: a run resumed from a checkpoint older than what a
 * killed process had logged trains those steps again, and a {@code step}, {@code epoch} or
 * {@code warning} record whose type, epoch and step the log already holds is not written again
 * (resuming being exact, its values are those already there; its time fields are the killed
 * process's), as {@code TensorBoardLog} does for its events. Other records ({@code eval},
 * {@code error}) always append: each is an event of its own.
 */
public final class MetricsLog implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The types of record that training writes again after a resume from an older checkpoint. */
    private static final Set<String> REPLAYED = Set.of("step", "epoch", "warning");

    private final Path file;
    private final BufferedWriter out;
    private final Set<List<String>> logged = new HashSet<>();

    /**
     * Opens {@code file} for appending, creating it when absent and ending a torn last line; the
     * training records it holds are not written again.
     */
    public MetricsLog(Path file) throws IOException {
        this.file = file;
        for (JsonNode record : read(file)) {
            String type = record.path("type").asText();
            if (REPLAYED.contains(type)) {
                logged.add(key(type, record.get("epoch"), record.get("step")));
            }
        }
        boolean torn = endsTorn(file);
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (torn) {
            out.newLine();
            out.flush();
        }
    }

    /** What tells a training record from another: its type, epoch and step ("null" where absent). */
    private static List<String> key(String type, Object epoch, Object step) {
        return List.of(type, text(epoch), text(step));
    }

    private static String text(Object value) {
        return value instanceof JsonNode node ? node.asText() : String.valueOf(value);
    }

    /** Whether {@code file} has bytes after its last line break: a line cut short by a crash. */
    private static boolean endsTorn(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            return false;
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.position(channel.size() - 1).read(last);
            return last.get(0) != '\n';
        }
    }

    /**
     * Writes one record.
     *
     * @throws UserError (exit code 5) naming the file when it cannot be written (a full disk): the
     *     line may be torn, which the next writer ends and every reader skips
     */
    public void write(Map<String, ?> record) {
        String type = String.valueOf(record.get("type"));
        if (REPLAYED.contains(type) && !logged.add(key(type, record.get("epoch"), record.get("step")))) {
            return;
        }
        try {
            out.write(JSON.writeValueAsString(record));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw WriteFailure.of(file, e);
        }
    }

    /**
     * The records of a metrics log, in order; none when the file is absent. A line cut short by
     * a crash (at the end, or ended by a later writer) is skipped: the rest is still worth reading.
     */
    public static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return records;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                records.add(JSON.readTree(line));
            } catch (IOException e) {
                // cut short
            }
        }
        return records;
    }

    /** The last record of {@code type} ({@code "epoch"}, {@code "eval"}, ...), or null. */
    public static JsonNode last(List<JsonNode> records, String type) {
        JsonNode last = null;
        for (JsonNode record : records) {
            if (type.equals(record.path("type").asText())) {
                last = record;
            }
        }
        return last;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
