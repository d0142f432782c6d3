package dev.contrastive.runtime.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.config.DataConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Fetching from a local server: verified files in place, and after any failure nothing at all. */
@Timeout(30) // every fetch here is bounded by the one-second timeouts
class DatasetFetcherTest {

    static final Map<String, byte[]> TINY = DataServer.tinyDataset();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
    private DataServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** The tiny files as a data set of this name, with their own checksums. */
    static KnownDataset tiny(String name) {
        return served(name, DatasetFormat.IDX, "https://example.invalid/", TINY.entrySet().stream()
                .map(e -> new KnownDataset.DatasetFile(e.getKey(), md5(e.getValue()))).toList());
    }

    /** The known data set {@code name} (or a grey 28-px one), served from {@code base} as {@code files}. */
    static KnownDataset served(String name, DatasetFormat format, String base, List<KnownDataset.DatasetFile> files) {
        KnownDataset like = KnownDataset.ALL.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElse(KnownDataset.named("mnist"));
        return new KnownDataset(name, format, like.channels(), like.side(), like.mean(), like.std(), base, files,
                like.debianFolder());
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** A fetcher whose bounds a loopback server answers well within, even on a loaded machine. */
    private DatasetFetcher fetcher(String mirror) {
        return fetcher(mirror, Duration.ofSeconds(20));
    }

    private DatasetFetcher fetcher(String mirror, Duration inactivity) {
        return new DatasetFetcher(new DataLocations(dir.resolve("cache"), mirror),
                new PrintStream(progress, true, StandardCharsets.UTF_8), false, Duration.ofSeconds(20), inactivity);
    }

    private List<String> cached(String name) throws IOException {
        Path folder = dir.resolve("cache").resolve(name);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private UserError failedFetch(KnownDataset dataset, DatasetFetcher fetcher) {
        try {
            fetcher.fetch(dataset);
        } catch (UserError e) {
            assertThat(e.exitCode()).isEqualTo(UserError.DATA);
            return e;
        }
        throw new AssertionError("the fetch succeeded");
    }

    @Test
    void fetchesVerifiesAndKeepsWhatIsValid() throws IOException {
        server = DataServer.mirroring("fashion-mnist", TINY);
        DatasetFetcher fetcher = fetcher(server.url());
        DatasetFetcher.Fetched fetched = fetcher.fetch(tiny("fashion-mnist"));
        assertThat(fetched.folder()).isEqualTo(dir.resolve("cache/fashion-mnist"));
        assertThat(fetched.downloaded()).containsExactlyElementsOf(TINY.keySet());
        assertThat(cached("fashion-mnist")).as("no temporary file left")
                .containsExactlyInAnyOrderElementsOf(TINY.keySet());
        assertThat(progress.toString(StandardCharsets.UTF_8))
                .contains("fetching fashion-mnist into " + fetched.folder())
                .contains("fashion-mnist train-images-idx3-ubyte.gz: 4")
                .contains(" / ");

        LoadedData loaded = Datasets.load(new DataConfig("fashion-mnist", fetched.folder().toString(), "never",
                0, 1, 1, null, null, null, null, null), fetcher);
        assertThat(loaded.train().count()).isEqualTo(3);
        assertThat(loaded.evalTrain().labels()).containsExactly(1, 0, 2);
        assertThat(loaded.evalTest().image(1).get(1, 1, 0)).isEqualTo(18);

        DatasetFetcher.Fetched again = fetcher.fetch(tiny("fashion-mnist"));
        assertThat(again.downloaded()).isEmpty();
        assertThat(server.requests()).as("valid files are not fetched again").isEqualTo(4);
    }

    @Test
    void checksumMismatchLeavesNothing() throws IOException {
        server = DataServer.mirroring("fashion-mnist", TINY);
        KnownDataset wrong = served("fashion-mnist", DatasetFormat.IDX, "unused", List.of(
                new KnownDataset.DatasetFile("train-images-idx3-ubyte.gz", "0123456789abcdef0123456789abcdef")));
        UserError error = failedFetch(wrong, fetcher(server.url()));
        assertThat(error.getMessage())
                .contains(server.url() + "fashion-mnist/train-images-idx3-ubyte.gz")
                .contains("expected 0123456789abcdef0123456789abcdef")
                .contains("MD5 " + md5(TINY.get("train-images-idx3-ubyte.gz")))
                .contains("sudo apt-get install dataset-fashion-mnist")
                .contains("data.root")
                .contains("data.download: never");
        assertThat(cached("fashion-mnist")).isEmpty();
    }

    @Test
    void serverClosingMidFileLeavesNothing() throws IOException {
        server = DataServer.closingMidFile(100_000);
        UserError error = failedFetch(tiny("mnist"), fetcher(server.url()));
        assertThat(error.getMessage())
                .contains("could not fetch mnist: " + server.url() + "mnist/train-images-idx3-ubyte.gz")
                .contains("bytes received: 50000")
                .contains("data.root").doesNotContain("apt-get");
        assertThat(cached("mnist")).isEmpty();
    }

    @Test
    void notFoundLeavesNothing() throws IOException {
        server = DataServer.mirroring("mnist", Map.of());
        UserError error = failedFetch(tiny("mnist"), fetcher(server.url()));
        assertThat(error.getMessage()).contains(server.url() + "mnist/train-images-idx3-ubyte.gz answered HTTP 404");
        assertThat(cached("mnist")).isEmpty();
    }

    /** The message names the 1 s bound that stopped it; the timeout only keeps a hang from stalling the suite. */
    @Test
    @Timeout(60)
    void silentServerTimesOutAfterTheInactivityBound() throws IOException {
        server = DataServer.silent();
        UserError error = failedFetch(tiny("mnist"), fetcher(server.url(), Duration.ofSeconds(1)));
        assertThat(error.getMessage()).contains("mnist/train-images-idx3-ubyte.gz: nothing received for 1 s");
        assertThat(cached("mnist")).isEmpty();
    }

    @Test
    void refusedConnectionLeavesNothing() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        UserError error = failedFetch(tiny("mnist"), fetcher("http://127.0.0.1:" + port));
        assertThat(error.getMessage()).contains("http://127.0.0.1:" + port + "/mnist/train-images-idx3-ubyte.gz")
                .contains("cannot connect (refused or unreachable)");
        assertThat(cached("mnist")).isEmpty();
    }

    @Test
    void autoRootSearchesTheCacheAndFetchesOnlyWhenAllowed() throws IOException {
        server = DataServer.mirroring("mnist", TINY);
        DatasetFetcher fetcher = fetcher(server.url());
        assertThatThrownBy(() -> Datasets.load(new DataConfig("mnist", "auto", "never", 0, 1, 1, null, null, null, null, null), fetcher))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("mnist not found in").hasMessageContaining(dir.resolve("cache/mnist").toString())
                .hasMessageContaining("data.download is never").hasMessageContaining("data.root");
        assertThat(server.requests()).isZero();

        // auto checks against the published table, which the tiny files do not match
        assertThatThrownBy(() -> Datasets.load(new DataConfig("mnist", "auto", "auto", 0, 1, 1, null, null, null, null, null), fetcher))
                .isInstanceOf(UserError.class)
                .hasMessageContaining(server.url() + "mnist/train-images-idx3-ubyte.gz")
                .hasMessageContaining("expected f68b3c2dcbeaaa9fbdd348bbdeb94873");
        assertThat(server.requests()).isEqualTo(1);
        assertThat(cached("mnist")).isEmpty();

        fetcher.fetch(tiny("mnist"));
        LoadedData loaded = Datasets.load(new DataConfig("mnist", "auto", "auto", 0, 1, 1, null, null, null, null,
                null), fetcher);
        assertThat(loaded.evalTest().labels()).containsExactly(2, 1);
        assertThat(server.requests()).as("found in the cache, not fetched").isEqualTo(5);
    }

    /** The tiny CIFAR-10 as its archive, with the archive's own checksum, or with {@code md5}. */
    private static KnownDataset tinyCifar10(byte[] archive, String md5) {
        return served("cifar10", DatasetFormat.CIFAR10, "https://example.invalid/",
                List.of(new KnownDataset.DatasetFile("cifar-10-binary.tar.gz", md5 != null ? md5 : md5(archive))));
    }

    @Test
    void anArchiveIsVerifiedUnpackedAndDeleted() throws IOException {
        byte[] archive = BinaryDatasets.tarGz(BinaryDatasets.cifar10());
        server = DataServer.mirroring("cifar10", Map.of("cifar-10-binary.tar.gz", archive));
        DatasetFetcher fetcher = fetcher(server.url());
        DatasetFetcher.Fetched fetched = fetcher.fetch(tinyCifar10(archive, null));
        assertThat(fetched.downloaded()).containsExactly("cifar-10-binary.tar.gz");
        assertThat(cached("cifar10")).as("the unpacked folder, no archive and no temporary file")
                .containsExactly("cifar-10-batches-bin");
        assertThat(progress.toString(StandardCharsets.UTF_8))
                .contains("unpacking cifar-10-binary.tar.gz into " + fetched.folder());
        assertThat(fetcher.locations().found("cifar10")).extracting(DataLocations.Place::folder)
                .containsExactly(fetched.folder());

        LoadedData loaded = Datasets.load(new DataConfig("cifar10", "auto", "never", 0, 1, 1, null, null, null,
                null, null), fetcher);
        assertThat(loaded.train().count()).isEqualTo(10);
        assertThat(loaded.evalTest().labels()).containsExactly(3, 7);

        assertThat(fetcher.fetch(tinyCifar10(archive, null)).downloaded()).isEmpty();
        assertThat(server.requests()).as("an unpacked data set is not fetched again").isEqualTo(1);
    }

    @Test
    void anArchiveWithAWrongChecksumLeavesNothing() throws IOException {
        byte[] archive = BinaryDatasets.tarGz(BinaryDatasets.cifar10());
        server = DataServer.mirroring("cifar10", Map.of("cifar-10-binary.tar.gz", archive));
        UserError error = failedFetch(tinyCifar10(archive, "c32a1d4ab5d03f1284b67883e8d87530"),
                fetcher(server.url()));
        assertThat(error.getMessage())
                .contains(server.url() + "cifar10/cifar-10-binary.tar.gz gave " + archive.length + " bytes")
                .contains("expected c32a1d4ab5d03f1284b67883e8d87530")
                .contains("unpack https://example.invalid/cifar-10-binary.tar.gz into a folder and set data.root");
        assertThat(cached("cifar10")).isEmpty();
        assertThat(DatasetFormat.CIFAR10.complete(dir.resolve("cache/cifar10"))).isFalse();
    }

    @Test
    void anArchiveWithoutTheDataSetIsRefusedAndKept() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>(BinaryDatasets.cifar10());
        files.remove("cifar-10-batches-bin/test_batch.bin");
        byte[] archive = BinaryDatasets.tarGz(files);
        server = DataServer.mirroring("cifar10", Map.of("cifar-10-binary.tar.gz", archive));
        DatasetFetcher fetcher = fetcher(server.url());
        UserError error = failedFetch(tinyCifar10(archive, null), fetcher);
        assertThat(error.getMessage()).contains("cifar-10-binary.tar.gz did not hold the data set's files")
                .contains("test_batch.bin");
        assertThat(DatasetFormat.CIFAR10.complete(dir.resolve("cache/cifar10"))).isFalse();
        assertThat(fetcher.locations().found("cifar10")).isEmpty();
        assertThat(cached("cifar10")).as("the verified archive stays; no temporary file")
                .containsExactly("cifar-10-batches-bin", "cifar-10-binary.tar.gz");
    }

    @Test
    void theTableCoversEveryDataSetWithItsFiles() {
        assertThat(KnownDataset.ALL).extracting(KnownDataset::name).containsExactlyInAnyOrderElementsOf(
                DataConfig.DATASETS.stream().filter(name -> !name.equals("folder")).toList());
        for (KnownDataset dataset : KnownDataset.ALL) {
            assertThat(dataset.base()).startsWith("https://").endsWith("/");
            assertThat(dataset.files()).allSatisfy(f -> assertThat(f.md5()).matches("[0-9a-f]{32}"));
            if (dataset.format() == DatasetFormat.IDX) {
                assertThat(dataset.files()).extracting(KnownDataset.DatasetFile::name).containsExactlyElementsOf(
                        DatasetFormat.IDX.files().stream().map(n -> n + ".gz").toList());
            } else {
                assertThat(dataset.files()).singleElement().satisfies(f -> assertThat(f.archive()).isTrue());
            }
        }
    }
}
