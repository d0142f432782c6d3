package dev.contrastive.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive.runtime.SmallDisk;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.run.MetricsLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Issue 24, classes 3 and 5, on a real full disk (a 1 MiB tmpfs): a failed write removes its
 * temporary file and keeps the old file; files that belong together are published both or
 * neither; a full disk while appending metrics is one message, exit code 5, naming the file.
 */
class FullDiskTest {

    @TempDir
    Path dir;

    private SmallDisk disk;

    @BeforeEach
    void mount() throws IOException {
        disk = SmallDisk.mount(dir, 1024);
    }

    @AfterEach
    void unmount() throws IOException {
        disk.close();
    }

    @Test
    void aFailedWriteRemovesItsTemporaryFileAndKeepsTheOldFile() throws IOException {
        Path file = disk.root().resolve("encoder.safetensors");
        Files.writeString(file, "the old bytes");

        assertThatThrownBy(() -> AtomicFiles.write(file, new byte[2 << 20])).isInstanceOf(IOException.class)
                .hasMessageContaining("No space left on device");

        assertThat(file).hasContent("the old bytes");
        assertThat(listing()).containsExactly("encoder.safetensors");
        AtomicFiles.write(file, new byte[512 << 10]);
        assertThat(file).as("the space of the failed write was given back").hasSize(512 << 10);
    }

    @Test
    void filesThatBelongTogetherArePublishedBothOrNeither() throws IOException {
        Path matrix = disk.root().resolve("features.npy");
        Path names = disk.root().resolve("features.txt");
        Files.writeString(matrix, "old matrix");
        Files.writeString(names, "old names\n");
        Map<Path, byte[]> pair = new LinkedHashMap<>();
        pair.put(matrix, new byte[600 << 10]);
        pair.put(names, new byte[600 << 10]);

        assertThatThrownBy(() -> AtomicFiles.writeTogether(pair)).isInstanceOf(IOException.class);

        assertThat(matrix).as("the first of the pair fitted, but is not published alone").hasContent("old matrix");
        assertThat(names).hasContent("old names\n");
        assertThat(listing()).containsExactlyInAnyOrder("features.npy", "features.txt");
    }

    @Test
    void aFullDiskWhileAppendingMetricsIsOneMessageWithExitCode5() throws IOException {
        Path metrics = disk.root().resolve("metrics.jsonl");
        Files.writeString(metrics, "{\"type\":\"epoch\",\"epoch\":1}\n");
        disk.fill(0);
        try (MetricsLog log = new MetricsLog(metrics)) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 10_000; i++) {
                    log.write(Map.of("type", "step", "step", i, "padding", "x".repeat(200)));
                }
            }).isInstanceOfSatisfying(UserError.class, e -> {
                assertThat(e.exitCode()).isEqualTo(UserError.TRAINING);
                assertThat(e.getMessage()).startsWith("cannot write " + metrics + ": No space left on device");
            });
        } catch (IOException closing) {
            // the buffered rest of the record cannot be written either
        }
        disk.free();
        assertThat(MetricsLog.read(metrics)).as("the records before the full disk are intact").isNotEmpty()
                .first().satisfies(r -> assertThat(r.path("epoch").asInt()).isEqualTo(1));
        try (MetricsLog log = new MetricsLog(metrics)) {
            log.write(Map.of("type", "epoch", "epoch", 2));
        }
        assertThat(MetricsLog.last(MetricsLog.read(metrics), "epoch").path("epoch").asInt())
                .as("after freeing space the log goes on, a torn line ended").isEqualTo(2);
    }

    private java.util.List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(disk.root())) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }
}
