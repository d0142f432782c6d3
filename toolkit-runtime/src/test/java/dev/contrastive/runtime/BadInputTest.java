package dev.contrastive.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.contrastive.runtime.io.FolderLock;
import dev.contrastive.runtime.io.InputPaths;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Issue 11's corpus of bad inputs ({@code src/test/resources/bad-input/}, its README says the
 * format), one parameterised test per class of failure. Every case must end in one message: the
 * expected exit code, the expected fragments (file and line where there is one), no Java stack
 * trace, and nothing written into the data or plugin folders it reads.
 */
class BadInputTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(data|plugins|run|sweep|path):([a-z0-9-]+)}");

    private static Path work;
    private static final Map<String, Path> fixtures = new HashMap<>();

    @BeforeAll
    static void createWork() throws IOException {
        work = Files.createTempDirectory("bad-input");
    }

    @AfterAll
    static void deleteWork() throws IOException {
        BadInputFixtures.releaseLocks();
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }

    /** One line of a {@code cases.txt}. */
    record Case(String name, int exit, String args, List<String> fragments) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> stackTraces() {
        return cases("stack-traces");
    }

    static Stream<Arguments> bounds() {
        return cases("bounds");
    }

    static Stream<Arguments> silentlyAccepted() {
        return cases("silently-accepted");
    }

    static Stream<Arguments> wrongPlace() {
        return cases("wrong-place");
    }

    static Stream<Arguments> outputs() {
        return cases("outputs");
    }

    static Stream<Arguments> twoWriters() {
        return cases("two-writers");
    }

    static Stream<Arguments> notRegularFiles() {
        return cases("not-regular-files");
    }

    static Stream<Arguments> yaml() {
        return cases("yaml");
    }

    static Stream<Arguments> sweeps() {
        return cases("sweeps");
    }

    static Stream<Arguments> names() {
        return cases("names");
    }

    /** Class 1: user-caused failures that ended in a stack trace. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("stackTraces")
    void aUserCausedFailureIsOneMessage(Case c, Path dir) throws IOException {
        check(c, dir);
    }

    /** Class 2: settings that scale memory or threads have bounds, checked up front. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("bounds")
    void aSettingBeyondItsBoundIsRefusedUpFront(Case c, Path dir) throws IOException {
        check(c, dir);
    }

    /** Class 3: bad input that was silently accepted is refused. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("silentlyAccepted")
    void badInputIsNeverSilentlyAccepted(Case c, Path dir) throws IOException {
        check(c, dir);
    }

    /** Class 4: messages point at the right line, --set or folder. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongPlace")
    void aMessagePointsAtTheRightPlace(Case c, Path dir) throws IOException {
        check(c, dir);
    }

    /** Issue 24, class 1: no output path is a folder or a file the toolkit owns in a run or sweep folder. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("outputs")
    void anOutputNeverReplacesTheToolkitsOwnFiles(Case c, Path dir) throws IOException {
        check(c, dir);
    }

    /** Issue 24, class 2: a run or sweep folder has one writer; the second is refused at once, naming the first. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("twoWriters")
    void aSecondWriterIsRefusedNamingTheFirst(Case c, Path dir) throws IOException {
        check(c, dir);
    }

    /** Issue 24, class 7: an input that is not a regular file (a FIFO, a device, a dangling link) is never opened. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("notRegularFiles")
    void anInputThatIsNotARegularFileIsNamedAsWhatItIs(Case c, Path dir) throws IOException {
        check(c, dir);
    }

    /** Issue 24, class 8: YAML booleans, aliases, tags, documents and limits as documented. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("yaml")
    void yamlEdgeCasesAreRefusedAtTheirLine(Case c, Path dir) throws IOException {
        check(c, dir);
    }

    /** Issue 24, class 9: what a sweep can check is checked before anything trains. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sweeps")
    void aSweepIsCheckedBeforeItTrains(Case c, Path dir) throws IOException {
        Path tmp = check(c, dir);
        assertThat(tmp.resolve("s")).as("the sweep folder of %s", c.name()).doesNotExist();
    }

    /** Issue 24, classes 4 and 10: names that break a format or a rule are refused or kept on their line. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void aNameIsKeptOnItsLineOrRefused(Case c, Path dir) throws IOException {
        check(c, dir);
    }

    /** {@code --debug} is the one way to see the stack trace of a user's failure. */
    @Test
    void debugShowsTheStackTrace() {
        Distribution.Result result = Distribution.cli("run", "/dev/zero", "--debug");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("\tat ").contains("error: /dev/zero: is a character device, not a run file");
    }

    /** Every class has cases, and every case has a unique name. */
    @Test
    void theCorpusIsComplete() {
        for (String group : List.of("stack-traces", "bounds", "silently-accepted", "wrong-place")) {
            List<String> names = cases(group).map(a -> ((Case) a.get()[0]).name()).toList();
            assertThat(names).as(group).hasSizeGreaterThanOrEqualTo(10).doesNotHaveDuplicates();
        }
        for (String group : List.of("outputs", "two-writers", "not-regular-files", "yaml", "sweeps", "names")) {
            List<String> names = cases(group).map(a -> ((Case) a.get()[0]).name()).toList();
            assertThat(names).as(group).hasSizeGreaterThanOrEqualTo(3).doesNotHaveDuplicates();
        }
    }

    /** Runs a case and checks its one message; returns the case's {@code {tmp}} folder. */
    private static Path check(Case c, Path dir) throws IOException {
        Path tmp = Files.createTempDirectory(work, c.name());
        Map<String, String> values = new HashMap<>();
        values.put("{dir}", dir.toString());
        values.put("{tmp}", tmp.toString());
        values.put("{huge}", huge().toString());
        values.put("{png}", png().toString());
        values.put("{version}", Distribution.VERSION);
        List<Path> inputs = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(c.args() + " " + String.join(" ", c.fragments()));
        while (m.find()) {
            Path fixture = fixture(m.group(1), m.group(2));
            values.put(m.group(), fixture.toString());
            inputs.add(fixture);
        }
        List<String> args = new ArrayList<>();
        for (String arg : c.args().trim().split(" +")) {
            args.add(substitute(arg, values).replace("\\u0020", " "));
        }
        Map<Path, Map<String, String>> before = new HashMap<>();
        for (Path input : inputs) {
            before.put(input, listing(input));
        }
        // what bypasses the toolkit's streams (a library logging to System.err) counts too
        ByteArrayOutputStream processErr = new ByteArrayOutputStream();
        PrintStream systemErr = System.err;
        Distribution.Result result;
        System.setErr(new PrintStream(processErr, true, StandardCharsets.UTF_8));
        try {
            result = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> Distribution.cli(args.toArray(String[]::new)), c.name() + " took over a minute");
        } finally {
            System.setErr(systemErr);
        }
        String err = result.err() + processErr.toString(StandardCharsets.UTF_8);
        assertThat(result.exitCode()).as("exit code of %s; stderr:%n%s", args, err).isEqualTo(c.exit());
        for (String fragment : c.fragments()) {
            assertThat(err).as("stderr of %s", args).contains(substitute(fragment, values));
        }
        assertThat(err).as("a stack trace in the stderr of %s", args).doesNotContain("\tat ")
                .doesNotContain("Exception in thread");
        assertThat(err.lines().filter(l -> l.startsWith("error: ")).count()).as("one message: %s", err)
                .isEqualTo(1);
        for (Path input : inputs) {
            assertThat(listing(input)).as("nothing written into %s", input).isEqualTo(before.get(input));
        }
        return tmp;
    }

    private static String substitute(String text, Map<String, String> values) {
        String result = text;
        for (Map.Entry<String, String> value : values.entrySet()) {
            result = result.replace(value.getKey(), value.getValue());
        }
        return result;
    }

    /**
     * Every path under {@code folder}: a regular file's size and SHA-256, anything else as what it
     * is; an empty {@code .lock} aside, which a refused writer may leave (no claim, no lock held).
     */
    private static Map<String, String> listing(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.toList()) {
                if (p.getFileName().toString().equals(FolderLock.FILE_NAME) && Files.size(p) == 0) {
                    continue;
                }
                files.put(folder.relativize(p).toString(), Files.isRegularFile(p)
                        ? Files.size(p) + " " + BadInputFixtures.sha256(p) : InputPaths.describe(p));
            }
        }
        return files;
    }

    static Stream<Arguments> cases(String group) {
        Path dir = resource(group);
        List<Arguments> cases = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(dir.resolve("cases.txt"))) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" \\| ", 4);
                if (parts.length != 4) {
                    throw new IllegalStateException(group + "/cases.txt: expected name | exit | args | fragments: "
                            + line);
                }
                List<String> fragments = Arrays.stream(parts[3].split(" ;; ")).map(String::trim)
                        .filter(f -> !f.isEmpty()).toList();
                cases.add(Arguments.of(new Case(parts[0].trim(), Integer.parseInt(parts[1].trim()), parts[2].trim(),
                        fragments), dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases.stream();
    }

    private static Path resource(String group) {
        try {
            return Path.of(BadInputTest.class.getResource("/bad-input/" + group + "/cases.txt").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- fixtures: written once per test class, read-only for the cases --------------------------

    private static synchronized Path fixture(String kind, String recipe) throws IOException {
        String key = kind + ":" + recipe;
        Path existing = fixtures.get(key);
        if (existing != null) {
            return existing;
        }
        if (kind.equals("path")) {
            Path path = BadInputFixtures.path(work, recipe);
            fixtures.put(key, path);
            return path;
        }
        Path folder = Files.createDirectories(work.resolve(kind + "-" + recipe));
        switch (kind) {
            case "data" -> data(folder, recipe);
            case "run" -> BadInputFixtures.run(folder, recipe);
            case "sweep" -> BadInputFixtures.sweep(folder, recipe);
            default -> plugins(folder, recipe);
        }
        fixtures.put(key, folder);
        return folder;
    }

    private static Path huge() throws IOException {
        Path file = work.resolve("huge.yaml");
        if (!Files.exists(file)) {
            StringBuilder text = new StringBuilder("name: huge\nobjective: moco\n");
            while (text.length() < (5 << 20)) {
                text.append("# padding padding padding padding padding padding padding padding padding\n");
            }
            Files.writeString(file, text);
        }
        return file;
    }

    private static Path png() throws IOException {
        Path file = work.resolve("grey.png");
        if (!Files.exists(file)) {
            java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(8, 8,
                    java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
            javax.imageio.ImageIO.write(image, "png", file.toFile());
        }
        return file;
    }

    /** IDX bytes: the magic for unsigned bytes of {@code dims.length} dimensions, the sizes, the data. */
    static byte[] idx(int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x0800 | dims.length);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] labels(int n) {
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
        }
        return labels;
    }

    /**
     * A data folder: ten train and ten test images of 28 x 28 with labels 0..9, then one file
     * spoiled as the recipe says.
     */
    static void data(Path folder, String recipe) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        files.put("train-images-idx3-ubyte", idx(new int[] {10, 28, 28}, new byte[10 * 28 * 28]));
        files.put("train-labels-idx1-ubyte", idx(new int[] {10}, labels(10)));
        files.put("t10k-images-idx3-ubyte", idx(new int[] {10, 28, 28}, new byte[10 * 28 * 28]));
        files.put("t10k-labels-idx1-ubyte", idx(new int[] {10}, labels(10)));
        String gzipped = null;
        switch (recipe) {
            case "ten-images" -> { }
            case "count-2-31" -> files.put("train-images-idx3-ubyte", idx(new int[] {Integer.MIN_VALUE, 28, 28},
                    new byte[0]));
            case "count-2e9" -> files.put("train-images-idx3-ubyte", idx(new int[] {2_000_000_000, 28, 28},
                    new byte[28 * 28]));
            case "count-long-gz" -> {
                files.put("train-images-idx3-ubyte", idx(new int[] {60_000, 28, 28}, new byte[10 * 28 * 28]));
                gzipped = "train-images-idx3-ubyte";
            }
            case "extra-bytes" -> files.put("train-labels-idx1-ubyte", idx(new int[] {10}, labels(12)));
            case "header-cut" -> files.put("t10k-images-idx3-ubyte", new byte[] {0, 0, 8, 3, 0, 0});
            case "label-12" -> {
                byte[] labels = labels(10);
                labels[3] = 12;
                files.put("train-labels-idx1-ubyte", idx(new int[] {10}, labels));
            }
            case "test-label-255" -> {
                byte[] labels = labels(10);
                labels[0] = (byte) 255;
                files.put("t10k-labels-idx1-ubyte", idx(new int[] {10}, labels));
            }
            case "no-images" -> {
                files.put("train-images-idx3-ubyte", idx(new int[] {0, 28, 28}, new byte[0]));
                files.put("train-labels-idx1-ubyte", idx(new int[] {0}, new byte[0]));
            }
            case "label-count" -> files.put("train-labels-idx1-ubyte", idx(new int[] {9}, labels(9)));
            case "test-32px" -> files.put("t10k-images-idx3-ubyte", idx(new int[] {10, 32, 32},
                    new byte[10 * 32 * 32]));
            case "flat-images" -> files.put("train-images-idx3-ubyte", idx(new int[] {10, 784},
                    new byte[10 * 784]));
            case "link-dev-zero", "fifo" -> files.remove("train-images-idx3-ubyte");
            default -> throw new IllegalArgumentException("no data recipe " + recipe);
        }
        if (recipe.equals("link-dev-zero")) {
            Files.createSymbolicLink(folder.resolve("train-images-idx3-ubyte"), Path.of("/dev/zero"));
        } else if (recipe.equals("fifo")) {
            BadInputFixtures.fifo(folder.resolve("train-images-idx3-ubyte"));
        }
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            boolean gzip = file.getKey().equals(gzipped);
            Path path = folder.resolve(file.getKey() + (gzip ? ".gz" : ""));
            try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(path))
                    : Files.newOutputStream(path)) {
                out.write(file.getValue());
            }
        }
    }

    /** A plugin folder holding what the recipe says, made from the bundled MoCo JAR. */
    static void plugins(Path folder, String recipe) throws IOException {
        Path moco = Distribution.pluginJar("moco");
        switch (recipe) {
            case "bad-requires" -> rewrite(moco, folder.resolve("plugin-mocox.jar"), Map.of("Plugin-Id", "mocox",
                    "Plugin-Requires", ">=banana"));
            case "no-version" -> rewrite(moco, folder.resolve("plugin-mocoy.jar"), Map.of("Plugin-Id", "mocoy",
                    "Plugin-Version", ""));
            case "duplicate" -> rewrite(moco, folder.resolve("plugin-moco2.jar"), Map.of("Plugin-Id", "moco2"));
            case "same-id" -> Files.copy(moco, folder.resolve("my-moco.jar"));
            case "zip" -> Files.copy(moco, folder.resolve("extra.zip"));
            case "readme" -> Files.writeString(folder.resolve("README.txt"), "my plugins\n");
            default -> throw new IllegalArgumentException("no plugins recipe " + recipe);
        }
    }

    /** Copies a JAR with manifest attributes replaced; an empty value removes the attribute. */
    private static void rewrite(Path from, Path to, Map<String, String> attributes) throws IOException {
        try (JarFile in = new JarFile(from.toFile())) {
            Manifest manifest = new Manifest(in.getManifest());
            for (Map.Entry<String, String> attribute : attributes.entrySet()) {
                if (attribute.getValue().isEmpty()) {
                    manifest.getMainAttributes().remove(new Attributes.Name(attribute.getKey()));
                } else {
                    manifest.getMainAttributes().putValue(attribute.getKey(), attribute.getValue());
                }
            }
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(to), manifest)) {
                for (JarEntry entry : in.stream().toList()) {
                    if (entry.getName().equals(JarFile.MANIFEST_NAME)) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream data = in.getInputStream(entry)) {
                        data.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
    }
}
