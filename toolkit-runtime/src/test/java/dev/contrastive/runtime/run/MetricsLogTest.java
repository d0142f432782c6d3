package dev.contrastive.runtime.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A torn last line of {@code metrics.jsonl} (a process killed during an append) costs that line
 * only; training records that a resume writes again are logged once.
 */
class MetricsLogTest {

    private static final String TWO_RECORDS_THEN_TORN = "{\"type\":\"step\",\"step\":1}\n"
            + "{\"type\":\"epoch\",\"epoch\":1}\n{\"type\":\"step\",\"st";

    @TempDir
    Path dir;

    @Test
    void readersSkipATornLastLine() throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        Files.writeString(file, TWO_RECORDS_THEN_TORN);
        List<JsonNode> records = MetricsLog.read(file);
        assertThat(records).extracting(r -> r.get("type").asText()).containsExactly("step", "epoch");
        assertThat(MetricsLog.last(records, "epoch").get("epoch").asInt()).isEqualTo(1);
    }

    @Test
    void aWriterEndsATornLastLineBeforeAppending() throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        Files.writeString(file, TWO_RECORDS_THEN_TORN);
        try (MetricsLog log = new MetricsLog(file)) {
            log.write(Map.of("type", "eval", "knn_top1", 0.5));
        }
        assertThat(Files.readString(file)).startsWith(TWO_RECORDS_THEN_TORN + "\n").endsWith("}\n");
        assertThat(MetricsLog.read(file)).extracting(r -> r.get("type").asText())
                .containsExactly("step", "epoch", "eval");
    }

    @Test
    void anIntactLogIsOnlyAppendedTo() throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        String intact = "{\"type\":\"step\",\"step\":1}\n";
        Files.writeString(file, intact);
        try (MetricsLog log = new MetricsLog(file)) {
            log.write(Map.of("type", "step"));
        }
        assertThat(Files.readString(file)).isEqualTo(intact + "{\"type\":\"step\"}\n");
    }

    /**
     * A process killed after logging steps 1-3 and epoch 1's warning, resumed from a checkpoint
     * after step 1: steps 2-3 and the warning come again and are skipped; the rest appends.
     */
    @Test
    void trainingRecordsWrittenAgainAfterAResumeAreLoggedOnce() throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        try (MetricsLog killed = new MetricsLog(file)) {
            for (int step = 1; step <= 3; step++) {
                killed.write(Map.of("type", "step", "epoch", 1, "step", step, "loss", 5.0 - step));
            }
            killed.write(Map.of("type", "warning", "epoch", 1, "message", "collapse"));
            killed.write(Map.of("type", "error", "epoch", 1, "step", 3, "message", "NaN"));
        }
        try (MetricsLog resumed = new MetricsLog(file)) {
            for (long step = 2; step <= 4; step++) {
                resumed.write(Map.of("type", "step", "epoch", 1, "step", step, "loss", 5.0 - step));
            }
            resumed.write(Map.of("type", "warning", "epoch", 1, "message", "collapse"));
            resumed.write(Map.of("type", "epoch", "epoch", 1, "loss", 2.5));
            resumed.write(Map.of("type", "error", "epoch", 1, "step", 3, "message", "NaN"));
            resumed.write(Map.of("type", "epoch", "epoch", 1, "loss", 2.5));
        }
        assertThat(MetricsLog.read(file)).extracting(r -> r.get("type").asText() + " " + r.path("step").asText())
                .containsExactly("step 1", "step 2", "step 3", "warning ", "error 3", "step 4", "epoch ", "error 3");
    }
}
