package dev.contrastive.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.data.DataServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code toolkit data list} and {@code fetch} with the cache and mirror of the environment, here
 * the system properties that stand in for TOOLKIT_DATA and TOOLKIT_DATA_MIRROR.
 */
@Timeout(30)
class DataCommandTest {

    @TempDir
    Path dir;

    private DataServer mirror;

    @BeforeEach
    void mirrorTinyFiles() throws IOException {
        // the tiny files do not have MNIST's published checksums: a fetch must refuse them
        mirror = DataServer.mirroring("mnist", DataServer.tinyDataset());
        System.setProperty("toolkit.data", dir.resolve("cache").toString());
        System.setProperty("toolkit.data.mirror", mirror.url());
    }

    @AfterEach
    void restore() {
        System.clearProperty("toolkit.data");
        System.clearProperty("toolkit.data.mirror");
        mirror.close();
    }

    private static String line(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() ->
                new AssertionError("no line starting with '" + prefix + "' in:\n" + out));
    }

    @Test
    void fetchRefusesAWrongChecksumAndListShowsTheCache() throws IOException {
        Path cached = dir.resolve("cache").resolve("mnist");
        Distribution.Result before = Distribution.cli("data", "list");
        assertThat(before.exitCode()).as(before.err()).isZero();
        assertThat(line(before.out(), "mnist ")).contains("not found").contains(cached.toString());

        Distribution.Result fetch = Distribution.cli("data", "fetch", "mnist");
        assertThat(fetch.exitCode()).isEqualTo(4);
        assertThat(fetch.err()).contains("fetching mnist into " + cached)
                .contains("error: could not fetch mnist: " + mirror.url() + "mnist/train-images-idx3-ubyte.gz")
                .contains("expected f68b3c2dcbeaaa9fbdd348bbdeb94873")
                .contains("data.download: never");
        try (Stream<Path> files = Files.list(cached)) {
            assertThat(files.toList()).as("nothing unverified left in the cache").isEmpty();
        }

        // files put there by hand are used as they are
        long bytes = 0;
        for (Map.Entry<String, byte[]> file : DataServer.tinyDataset().entrySet()) {
            Files.write(cached.resolve(file.getKey()), file.getValue());
            bytes += file.getValue().length;
        }
        Distribution.Result after = Distribution.cli("data", "list");
        assertThat(line(after.out(), "mnist ")).contains("cache").contains(bytes + " B").contains(cached.toString());
    }

    @Test
    void unknownDataSetIsAUsageError() {
        Distribution.Result result = Distribution.cli("data", "fetch", "cifar");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("'cifar' is not known; allowed: fashion-mnist, mnist");
        assertThat(mirror.requests()).isZero();
    }
}
