package dev.contrastive.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contrastive.runtime.Distribution;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Behaviour kept across refactors: one tiny epoch of every bundled objective chain writes the
 * {@code metrics.jsonl} values and the {@code encoder.params} bytes that the 0.2 build wrote
 * ({@code golden/behaviour/README.md}), recorded once per kind of CPU. Exact on a CPU whose
 * instruction sets have a recording; on another, floating point rounds differently and a tiny run
 * amplifies it step by step, so values are compared loosely and bytes not. Each case trains in a
 * child JVM, as {@code ./toolkit} does: libtorch's threads are set once per process.
 */
public class BehaviourGoldenTest {

    private static final String GOLDEN = "/golden/behaviour/";

    /** Fields that measure time, not behaviour. */
    private static final Set<String> TIMES = Set.of("epoch_s", "knn_s", "linear_s", "images_per_s",
            "data_wait_share");

    /**
     * How far a number may move, relative to it, on a CPU without a recording. Between the two
     * recorded CPUs (README) tiny-barlow+clsa's L_C moved by 4.6 % from a first loss equal to six
     * digits; every other chain by under 0.4 %.
     */
    private static final double FOREIGN_SLACK = 0.1;

    /** How far an accuracy may move there, in share of images: 3.2 points at most between the two. */
    private static final double FOREIGN_ACCURACY_SLACK = 0.05;

    /** The recording compared loosely where this CPU has none: the first one made. */
    private static final String FIRST_RECORDING = "avx2 avx512_bf16 avx512f";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tiny-moco", "tiny-moco+clsa", "tiny-moco+clsa-multicrop", "tiny-moco+clsa-positive",
        "tiny-simclr", "tiny-simclr+clsa", "tiny-byol", "tiny-byol+clsa"})
    void oneTinyEpochWritesTheMetricsAndEncoderOfThe02Build(String name) throws Exception {
        Path runFile = dir.resolve(name + ".yaml");
        Files.writeString(runFile, golden(name + ".yaml"));
        check(name, runFile, dir.resolve("runs"));
    }

    /**
     * Trains {@code runFile} (extra CLI arguments, e.g. {@code --plugins}, after it) into a new
     * folder under {@code runs} and compares it with case {@code name}'s golden files.
     */
    public static void check(String name, Path runFile, Path runs, String... more)
            throws IOException, InterruptedException {
        Path parent = Files.createDirectories(runs.resolve(name));
        List<String> args = new ArrayList<>(List.of("run", runFile.toString(), "--runs-dir", parent.toString()));
        args.addAll(List.of(more));
        Distribution.Result result = Distribution.process(runs.resolve(name + ".log"), args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.err()).isZero();
        Path run;
        try (Stream<Path> folders = Files.list(parent)) {
            run = folders.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        String recording = recordingFolder(cpuFlags());
        boolean sameCpu = BehaviourGoldenTest.class.getResource(GOLDEN + recording + "/" + name + ".jsonl") != null;
        if (!sameCpu) {
            recording = recordingFolder(FIRST_RECORDING);
            System.out.println(name + ": no recording for this CPU's flags (" + cpuFlags()
                    + "), compared loosely with " + recording + "'s, encoder bytes not");
        }
        assertSameRecords(name, records(Files.readString(run.resolve("metrics.jsonl"))),
                records(golden(recording + "/" + name + ".jsonl")), sameCpu);
        if (sameCpu) {
            assertThat(sha256(run.resolve("encoder.params"))).as(name + ": encoder.params")
                    .isEqualTo(golden(recording + "/" + name + ".encoder.sha256").strip());
        }
    }

    /**
     * {@code actual} records equal to {@code expected} ones, exactly when they come from a CPU with
     * the recording's instruction sets, every number to {@link #FOREIGN_SLACK} otherwise (accuracies
     * to {@link #FOREIGN_ACCURACY_SLACK}).
     */
    public static void assertSameRecords(String name, List<JsonNode> actual, List<JsonNode> expected, boolean sameCpu) {
        assertThat(actual).as(name + ": records").hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            if (sameCpu) {
                assertThat(actual.get(i)).as(name + ": record " + i).isEqualTo(expected.get(i));
            } else {
                assertClose(name + ": record " + i, actual.get(i), expected.get(i));
            }
        }
    }

    private static void assertClose(String what, JsonNode actual, JsonNode expected) {
        assertThat(names(actual)).as(what).isEqualTo(names(expected));
        expected.fields().forEachRemaining(field -> {
            JsonNode value = actual.get(field.getKey());
            if (field.getValue().isNumber()) {
                double want = field.getValue().asDouble();
                double bound = field.getKey().contains("_top") ? FOREIGN_ACCURACY_SLACK
                        : FOREIGN_SLACK * Math.max(1, Math.abs(want));
                assertThat(value.asDouble()).as(what + " " + field.getKey()).isCloseTo(want, within(bound));
            } else {
                assertThat(value).as(what + " " + field.getKey()).isEqualTo(field.getValue());
            }
        });
    }

    private static Set<String> names(JsonNode record) {
        Set<String> names = new TreeSet<>();
        record.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The records of a {@code metrics.jsonl} text, their time fields removed. */
    public static List<JsonNode> records(String jsonl) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> records = new ArrayList<>();
        for (String line : jsonl.split("\n")) {
            if (!line.isBlank()) {
                ObjectNode record = (ObjectNode) json.readTree(line);
                record.remove(TIMES);
                records.add(record);
            }
        }
        return records;
    }

    /** The folder of {@code golden/behaviour/} that holds the recording made on a CPU with {@code flags}. */
    private static String recordingFolder(String flags) {
        return flags.replace(' ', '-');
    }

    /**
     * The instruction sets that decide libtorch's kernels here, as the README of the data names
     * them. AMX counts: a machine with {@code amx_bf16} beside the first recording's three sets gave
     * losses that differ in the sixth digit (2026-12-02), so it has a recording of its own.
     */
    public static String cpuFlags() throws IOException {
        Set<String> present = new TreeSet<>();
        for (String word : Files.readString(Path.of("/proc/cpuinfo")).split("\\s+")) {
            if (Set.of("avx2", "avx512f", "avx512_bf16", "amx_bf16").contains(word)) {
                present.add(word);
            }
        }
        return String.join(" ", present);
    }

    /** A file of {@code golden/behaviour/}. */
    public static String golden(String file) {
        try (InputStream in = BehaviourGoldenTest.class.getResourceAsStream(GOLDEN + file)) {
            assertThat(in).as("golden/behaviour/" + file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SHA-256 of a file, in hex. */
    public static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
