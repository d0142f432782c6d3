package dev.contrastive.runtime.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The writer without a run: reopening after a torn record, and a folder that cannot be written. */
class TensorBoardLogTest {

    @TempDir
    Path dir;

    @Test
    void aReopenedLogWritesOnlyWhatTheIntactRecordsDoNotHold() throws Exception {
        Path tb = dir.resolve("tb");
        try (TensorBoardLog log = TensorBoardLog.open(tb, new PrintStream(new ByteArrayOutputStream()))) {
            log.scalars("train", Map.of("type", "step", "step", 1, "loss", 2.5), 1);
            log.scalar("train/loss", 2.25f, 2);
            log.scalar("epoch/knn_top1", 0.5f, 2);
        }
        Path first;
        try (var files = Files.list(tb)) {
            first = files.findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(first);
        Files.write(first, Arrays.copyOf(bytes, bytes.length - 3)); // a kill while writing the last record

        try (TensorBoardLog log = TensorBoardLog.open(tb, new PrintStream(new ByteArrayOutputStream()))) {
            assertThat(log.wants("train/loss", 2)).isFalse();
            assertThat(log.wants("epoch/knn_top1", 2)).as("its record was cut short").isTrue();
            log.scalar("train/loss", 9f, 2);
            log.scalar("epoch/knn_top1", 0.5f, 2);
            log.scalar("train/loss", 2f, 3);
        }
        TensorBoardEvents read = TensorBoardEvents.read(tb);
        assertThat(read.files()).hasSize(2);
        assertThat(read.torn()).containsExactly(read.files().get(0));
        assertThat(read.tagSteps()).containsExactly("train/loss@1", "train/loss@2", "epoch/knn_top1@2",
                "train/loss@3");
        assertThat(read.value("train/loss", 2)).isEqualTo(2.25f);
        assertThat(read.value("train/loss", 1)).isEqualTo(2.5f);
    }

    @Test
    void aFolderThatCannotBeWrittenIsSaidOnceAndNothingThrows() throws Exception {
        Path tb = dir.resolve("tb");
        Files.writeString(tb, "not a folder");
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        try (TensorBoardLog log = TensorBoardLog.open(tb, new PrintStream(said, true, StandardCharsets.UTF_8))) {
            assertThat(log.wants("train/loss", 1)).isFalse();
            log.scalar("train/loss", 1f, 1);
            log.image(TensorBoardLog.PREVIEW, new byte[] {1, 2}, 1, 1, 1, 0);
        }
        List<String> lines = said.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("tensorboard: cannot write " + tb);
        assertThat(tb).hasContent("not a folder");
    }
}
