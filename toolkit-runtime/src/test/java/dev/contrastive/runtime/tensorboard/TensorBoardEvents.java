package dev.contrastive.runtime.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrastive.runtime.DebianPython;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A run's {@code tb/} folder as the independent reader {@code read_events.py} (Debian's
 * python3-protobuf, the test resources' tensorboard folder) decodes it, both CRCs of every
 * record checked there.
 *
 * @param files the event files, in TensorBoard's order
 * @param torn the files whose last record is cut short (a process killed while writing it)
 * @param events every event but the files' version events
 */
public record TensorBoardEvents(List<String> files, List<String> torn, List<JsonNode> events) {

    /** Reads {@code folder} with the Python reader; it fails the test on any record that does not check. */
    public static TensorBoardEvents read(Path folder) throws IOException, InterruptedException {
        Path script;
        try {
            script = Path.of(TensorBoardEvents.class.getResource("/tensorboard/read_events.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        JsonNode read = new ObjectMapper().readTree(DebianPython.runWithProtobuf(folder, script.toString(),
                folder.toString()));
        List<String> files = new ArrayList<>();
        read.get("files").forEach(f -> files.add(f.asText()));
        List<String> torn = new ArrayList<>();
        read.get("torn").forEach(f -> torn.add(f.asText()));
        List<JsonNode> events = new ArrayList<>();
        Set<String> opened = new HashSet<>();
        for (JsonNode event : read.get("events")) {
            if (event.has("file_version")) {
                assertThat(opened.add(event.get("file").asText())).as("one file version per file").isTrue();
            } else {
                assertThat(opened).as("the file version opens the file").contains(event.get("file").asText());
                events.add(event);
            }
        }
        assertThat(opened).as("every file opens with its version").containsExactlyInAnyOrderElementsOf(files);
        return new TensorBoardEvents(files, torn, events);
    }

    /** {@code tag@step} of every event, in order: a step written twice shows twice. */
    public List<String> tagSteps() {
        return events.stream().map(e -> e.get("tag").asText() + "@" + e.get("step").asLong()).toList();
    }

    /** The value of the scalar {@code tag} at {@code step}, or null. */
    public Float value(String tag, long step) {
        for (JsonNode event : events) {
            if (event.get("tag").asText().equals(tag) && event.get("step").asLong() == step && event.has("value")) {
                return (float) event.get("value").asDouble();
            }
        }
        return null;
    }
}
