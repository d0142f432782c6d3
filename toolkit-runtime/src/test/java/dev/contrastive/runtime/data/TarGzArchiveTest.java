package dev.contrastive.runtime.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/** Unpacking a data set's archive: its files in place, or after any refusal or failure nothing of it. */
class TarGzArchiveTest {

    @TempDir
    Path dir;

    private Path archive(byte[] bytes) throws IOException {
        Files.createDirectories(dir.resolve("cache"));
        return Files.write(dir.resolve("data.tar.gz"), bytes);
    }

    private List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void unpacksFilesAndFoldersReplacingAnIncompleteCopy() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("set/a.bin", new byte[] {1, 2, 3});
        files.put("set/deeper/b.txt", "bee".getBytes());
        Path cache = dir.resolve("cache");
        Files.createDirectories(cache.resolve("set"));
        Files.write(cache.resolve("set/stale.bin"), new byte[] {9});
        Files.write(cache.resolve("other.txt"), new byte[] {8});

        TarGzArchive.unpack(archive(BinaryDatasets.tarGz(files)), cache);

        assertThat(names(cache)).as("no temporary folder left").containsExactly("other.txt", "set");
        assertThat(names(cache.resolve("set"))).containsExactly("a.bin", "deeper");
        assertThat(Files.readAllBytes(cache.resolve("set/a.bin"))).containsExactly(1, 2, 3);
        assertThat(Files.readString(cache.resolve("set/deeper/b.txt"))).isEqualTo("bee");
        assertThat(Files.readAllBytes(cache.resolve("other.txt"))).as("beside the archive's entries: kept")
                .containsExactly(8);
    }

    @Test
    void entriesLeavingTheFolderAreRefused() throws IOException {
        for (String name : List.of("../evil.bin", "set/../../evil.bin", "/tmp/evil.bin")) {
            Path cache = dir.resolve("cache");
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("set/good.bin", new byte[] {1});
            files.put(name, new byte[] {6, 6, 6});
            Path archive = archive(tar(files, null));
            assertThatThrownBy(() -> TarGzArchive.unpack(archive, cache)).as(name)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("entry " + name + " would be written outside the folder");
            assertThat(names(cache)).as("nothing of the archive is left, for %s", name).isEmpty();
            assertThat(dir.resolve("evil.bin")).doesNotExist();
        }
    }

    @Test
    void linksAreRefused() throws IOException {
        Path cache = dir.resolve("cache");
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("set/good.bin", new byte[] {1});
        Path archive = archive(tar(files, "set/passwd"));
        assertThatThrownBy(() -> TarGzArchive.unpack(archive, cache))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("entry set/passwd is a link or a special file");
        assertThat(names(cache)).isEmpty();
    }

    @Test
    void aTruncatedArchiveLeavesNothing() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("set/a.bin", new byte[100_000]);
        files.put("set/b.bin", new byte[100_000]);
        byte[] whole = BinaryDatasets.tarGz(files);
        Path cache = dir.resolve("cache");
        Path archive = archive(Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> TarGzArchive.unpack(archive, cache)).isInstanceOf(IOException.class);
        assertThat(names(cache)).isEmpty();
    }

    /** A tar.gz of {@code files} named as given (no checks), and a symbolic link to /etc/passwd when named. */
    private static byte[] tar(Map<String, byte[]> files, String link) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey(), true); // as named, leading / kept
                entry.setSize(file.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
            if (link != null) {
                TarArchiveEntry entry = new TarArchiveEntry(link, TarArchiveEntry.LF_SYMLINK);
                entry.setLinkName("/etc/passwd");
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
