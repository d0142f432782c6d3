package dev.contrastive.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.runtime.run.MetricsLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class CollapseWatchTest {

    @TempDir
    Path dir;

    @Test
    void spreadIsZeroForOnePointAndNearOneOverRootDForRandomDirections() {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(1);
            NDArray same = manager.ones(new Shape(64, 16)).div(4);
            assertThat(CollapseWatch.embeddingStd(same)).isCloseTo(0, within(1e-6));
            NDArray random = manager.randomNormal(new Shape(4096, 16));
            NDArray unit = random.div(random.norm(new int[] {1}, true));
            // each coordinate of a uniform unit vector in D dimensions has variance 1/D
            assertThat(CollapseWatch.embeddingStd(unit)).isCloseTo(0.25, within(0.01));
        }
    }

    @Test
    void warnsOnlyWhenTheEpochMeanFallsBelowAFifthOfTheHealthySpread() throws IOException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Path file = dir.resolve("metrics.jsonl");
        try (MetricsLog metrics = new MetricsLog(file)) {
            CollapseWatch watch = new CollapseWatch(100, new PrintStream(printed, true, StandardCharsets.UTF_8),
                    metrics);
            Map<String, Object> epoch = new LinkedHashMap<>();
            epoch.put("epoch", 3);
            epoch.put(CollapseWatch.METRIC, 0.05);
            watch.onEpoch(new TrainingListener.Epoch(2, 5, 10, epoch));
            assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
            epoch.put(CollapseWatch.METRIC, 0.0199);
            watch.onEpoch(new TrainingListener.Epoch(2, 5, 10, epoch));
            epoch.remove(CollapseWatch.METRIC);
            watch.onEpoch(new TrainingListener.Epoch(2, 5, 10, epoch));
        }
        assertThat(printed.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                .startsWith("warning: epoch 3").contains("collapsing").contains("0.02000");
        List<JsonNode> records = MetricsLog.read(file);
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.get("type").asText()).isEqualTo("warning");
            assertThat(r.get("epoch").asInt()).isEqualTo(3);
            assertThat(r.get("message").asText()).contains("collapsing");
        });
    }
}
