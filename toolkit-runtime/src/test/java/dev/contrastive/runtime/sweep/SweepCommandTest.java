package dev.contrastive.runtime.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.cli.Main;
import dev.contrastive.runtime.cli.Toolkit;
import dev.contrastive.runtime.run.MetricsLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** {@code toolkit sweep} end to end on tiny runs: outputs, resumability, bad input, dry run. */
class SweepCommandTest {

    /** Distribution.TINY_RUN cut down further: one epoch, a smaller kNN memory bank. */
    static final String BASE = Distribution.TINY_RUN.replace("  epochs: 2\n", "  epochs: 1\n")
            .replace("  log_every: 1\n", "  log_every: 5\n")
            .replace("  train_limit: 2000\n", "  train_limit: 1000\n");

    static final String SWEEP = """
            name: temps
            base: run.yaml
            axes:
              moco.temperature: [0.2, 0.5]
              seed: [0, 1]
            baseline: {moco.temperature: 0.2}
            """;

    @TempDir
    Path dir;

    private Path sweepFile(String text) throws IOException {
        Distribution.runFile(dir, BASE);
        Path file = dir.resolve("sweep.yaml");
        Files.writeString(file, text);
        return file;
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    @Test
    void sweepWritesResultsAndResumesOnlyWhatIsMissing() throws IOException {
        Path file = sweepFile(SWEEP);
        Path out = dir.resolve("out");
        Distribution.Result first = Distribution.cli("sweep", file.toString(), "--out", out.toString());
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();

        List<Path> runs = list(out.resolve("runs"));
        assertThat(runs).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
                "seed=0,moco.temperature=0.2", "seed=1,moco.temperature=0.2",
                "seed=0,moco.temperature=0.5", "seed=1,moco.temperature=0.5");
        for (Path run : runs) {
            assertThat(run.resolve("encoder.params")).isRegularFile();
            assertThat(run.resolve("config.yaml")).content().contains("temperature:");
        }
        assertThat(out.resolve("runs/seed=1,moco.temperature=0.5/config.yaml")).content()
                .contains("seed: 1").contains("temperature: 0.5");

        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertThat(csv).hasSize(5);
        assertThat(csv.get(0)).startsWith("variant,seed,moco.temperature,status,knn_top1,");
        assertThat(csv.subList(1, 5)).allSatisfy(row -> assertThat(row).contains(",ok,"));

        String md = Files.readString(out.resolve("results.md"));
        assertThat(md).contains("| group | n | knn_top1 | Δ knn_top1 |")
                .contains("**moco.temperature=0.2** (baseline) | 2 |")
                .contains("| moco.temperature=0.5 | 2 |")
                .contains(" ± ");
        assertThat(md).doesNotContain("Failed runs");

        byte[] png = Files.readAllBytes(out.resolve("results.png"));
        assertThat(Arrays.copyOf(png, 8)).containsExactly(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
        assertThat(javax.imageio.ImageIO.read(out.resolve("results.png").toFile())).isNotNull();

        // remove one run entirely; the others must be left untouched by the second invocation
        Path gone = out.resolve("runs/seed=1,moco.temperature=0.5");
        Map<Path, FileTime> times = new LinkedHashMap<>();
        Map<Path, byte[]> bytes = new LinkedHashMap<>();
        for (Path run : runs) {
            if (!run.equals(gone)) {
                times.put(run, Files.getLastModifiedTime(run.resolve("encoder.params")));
                bytes.put(run, Files.readAllBytes(run.resolve("metrics.jsonl")));
            }
        }
        try (Stream<Path> walk = Files.walk(gone)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        Distribution.Result second = Distribution.cli("sweep", file.toString(), "--out", out.toString());
        assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
        assertThat(second.out()).contains("sweep: run " + gone).doesNotContain("sweep: run " + runs.get(0))
                .contains("seed=0,moco.temperature=0.2 done");
        assertThat(gone.resolve("encoder.params")).isRegularFile();
        for (Path run : times.keySet()) {
            assertThat(Files.getLastModifiedTime(run.resolve("encoder.params"))).isEqualTo(times.get(run));
            assertThat(Files.readAllBytes(run.resolve("metrics.jsonl"))).isEqualTo(bytes.get(run));
        }
        List<String> again = Files.readAllLines(out.resolve("results.csv"));
        assertThat(again).hasSize(5);
        assertThat(again.stream().filter(r -> r.contains(",done,"))).hasSize(3);
        assertThat(again.stream().filter(r -> r.contains(",ok,"))).hasSize(1);
    }

    @Test
    void aFailedRunDoesNotStopTheOthersAndAnInterruptedOneIsResumed() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path file = sweepFile("""
                name: mixed
                base: run.yaml
                set: {moco.temperature: 0.3}
                variants:
                  - {data.root: %s}
                  - {seed: 0}
                """.formatted(empty));
        Path out = dir.resolve("out");
        Distribution.Result first = Distribution.cli("sweep", file.toString(), "--out", out.toString());
        assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(5);
        Path ok = out.resolve("runs/seed=0");
        assertThat(ok.resolve("encoder.params")).isRegularFile();
        assertThat(ok.resolve("config.yaml")).content().contains("temperature: 0.3");
        String md = Files.readString(out.resolve("results.md"));
        assertThat(md).contains("## Failed runs").contains("`data.root=").contains("missing");
        assertThat(Files.readAllLines(out.resolve("results.csv"))).hasSize(3)
                .anySatisfy(row -> assertThat(row).startsWith("seed=0,").contains(",ok,"))
                .anySatisfy(row -> assertThat(row).contains(",failed,").contains("missing"));

        // the run file now asks for two epochs: the finished one-epoch run is continued from its checkpoint
        Files.writeString(dir.resolve("run.yaml"), BASE.replace("epochs: 1", "epochs: 2"));
        Distribution.Result second = Distribution.cli("sweep", file.toString(), "--out", out.toString());
        assertThat(second.exitCode()).isEqualTo(5);
        assertThat(second.out()).contains("sweep: resuming " + ok);
        assertThat(MetricsLog.read(ok.resolve("metrics.jsonl")).stream()
                .filter(r -> r.path("type").asText().equals("epoch"))).hasSize(2);
        assertThat(ok.resolve("config.yaml")).content().contains("# sweep ").contains("\n# resumed after epoch 1 by "
                + "contrastive toolkit ").contains(", variant seed=0\n").contains("epochs: 2");
    }

    @Test
    void parallelRunsTrainInChildJvmsWithTheThreadsDivided() throws IOException {
        Path file = sweepFile("""
                name: par
                base: run.yaml
                axes:
                  seed: [0, 1]
                """);
        Path out = dir.resolve("out");
        Distribution.Result result = Distribution.cli("sweep", file.toString(), "--out", out.toString(),
                "--parallel", "2");
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        for (String id : List.of("seed=0", "seed=1")) {
            assertThat(out.resolve("runs").resolve(id).resolve("encoder.params")).isRegularFile();
            assertThat(out.resolve("runs").resolve(id).resolve("config.yaml")).content()
                    .contains("threads: " + threads);
            assertThat(out.resolve("logs").resolve(id + ".log")).isRegularFile();
        }
        assertThat(Files.readAllLines(out.resolve("results.csv")).stream().filter(r -> r.contains(",ok,"))).hasSize(2);
    }

    @Test
    void runsThatDifferInThreadsTrainInJvmsOfTheirOwnEachWithItsThreads() throws IOException {
        Path file = sweepFile("""
                name: threads
                base: run.yaml
                axes:
                  train.threads: [1, 2]
                """);
        Path out = dir.resolve("out");
        Distribution.Result result = Distribution.cli("sweep", file.toString(), "--out", out.toString());
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("its runs ask for [1, 2] PyTorch threads (train.threads), which a process "
                + "sets once: each trains in a JVM of its own").contains("each in a JVM of its own with its train.threads");
        for (int threads : new int[] {1, 2}) {
            String id = "train.threads=" + threads;
            assertThat(out.resolve("runs").resolve(id).resolve("encoder.params")).isRegularFile();
            assertThat(out.resolve("runs").resolve(id).resolve("config.yaml")).content()
                    .contains("threads: " + threads);
            assertThat(out.resolve("logs").resolve(id + ".log")).as("trained in a child JVM").isRegularFile();
        }
    }

    @Test
    void dryRunPrintsEveryVariantAndWritesNothing() throws IOException {
        Path file = sweepFile(SWEEP);
        Path out = dir.resolve("out");
        Distribution.Result result = Distribution.cli("sweep", file.toString(), "--out", out.toString(), "--dry-run");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines().filter(l -> l.startsWith("variant "))).containsExactly(
                "variant seed=0,moco.temperature=0.2", "variant seed=1,moco.temperature=0.2",
                "variant seed=0,moco.temperature=0.5", "variant seed=1,moco.temperature=0.5");
        assertThat(result.out()).contains("queue: 64").contains("temperature: 0.5");
        assertThat(out).doesNotExist();
        assertThat(list(dir)).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("run.yaml", "sweep.yaml");
    }

    @Test
    void theSparkEngineIsAskedForWithAClusterAndWithoutLocalOptions() throws IOException {
        Path file = sweepFile(SWEEP);
        Path out = dir.resolve("out");
        Distribution.Result noMaster = Distribution.cli("sweep", file.toString(), "--out", out.toString(),
                "--engine", "spark");
        assertThat(noMaster.exitCode()).isEqualTo(2);
        assertThat(noMaster.err()).contains("--engine spark: give the cluster as --master local[N]");
        Distribution.Result badMaster = Distribution.cli("sweep", file.toString(), "--out", out.toString(),
                "--engine", "spark", "--master", "mesos://x:5050");
        assertThat(badMaster.exitCode()).isEqualTo(2);
        assertThat(badMaster.err()).contains("--master mesos://x:5050: give the cluster as");
        Distribution.Result parallel = Distribution.cli("sweep", file.toString(), "--out", out.toString(),
                "--engine", "spark", "--master", "local[2]", "--parallel", "2");
        assertThat(parallel.exitCode()).isEqualTo(2);
        assertThat(parallel.err()).contains("--parallel 2: not with --engine spark");
        Distribution.Result localMaster = Distribution.cli("sweep", file.toString(), "--out", out.toString(),
                "--master", "local[2]");
        assertThat(localMaster.exitCode()).isEqualTo(2);
        assertThat(localMaster.err()).contains("--master local[2]: only with --engine spark");

        // a toolkit built without its Spark engine (no dist/spark/lib) says so, and trains nothing
        Path plugins = Files.createDirectories(dir.resolve("home/plugins"));
        for (Path jar : list(Distribution.home().resolve("plugins"))) {
            Files.copy(jar, plugins.resolve(jar.getFileName()));
        }
        Path home = plugins.getParent();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.execute(new String[] {"sweep", file.toString(), "--out", out.toString(), "--engine", "spark",
                    "--master", "local[2]"}, new Toolkit(Distribution.VERSION, home, System.out, e, false));
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(
                "the Spark engine is not installed (no " + home.resolve("spark/lib/toolkit-spark-"
                        + Distribution.VERSION + ".jar"));
        assertThat(out).doesNotExist();
    }

    @Test
    void badSweepFilesExitTwoWithTheSweepFilesLineAndCreateNothing() throws IOException {
        Path out = dir.resolve("out");
        Path unknown = sweepFile("""
                name: bad
                base: run.yaml
                axes:
                  seed: [0, 1]
                  train.epochz: [1, 2]
                """);
        Distribution.Result r1 = Distribution.cli("sweep", unknown.toString(), "--out", out.toString());
        assertThat(r1.exitCode()).isEqualTo(2);
        assertThat(r1.err()).contains("sweep.yaml:5:").contains("epochz").doesNotContain("Exception");

        Path pluginKey = sweepFile("""
                base: run.yaml
                axes:
                  moco.temprature: [0.2]
                """);
        Distribution.Result r2 = Distribution.cli("sweep", pluginKey.toString(), "--out", out.toString());
        assertThat(r2.exitCode()).isEqualTo(2);
        assertThat(r2.err()).contains("sweep.yaml:3:").contains("temprature");

        Path badValue = sweepFile("""
                base: run.yaml
                axes:
                  train.epochs: [1,
                    zero]
                """);
        Distribution.Result r3 = Distribution.cli("sweep", badValue.toString(), "--out", out.toString());
        assertThat(r3.exitCode()).isEqualTo(2);
        assertThat(r3.err()).contains("sweep.yaml:4:").contains("epochs");

        Path empty = sweepFile("""
                base: run.yaml
                axes:
                  seed: []
                """);
        Distribution.Result r4 = Distribution.cli("sweep", empty.toString(), "--out", out.toString());
        assertThat(r4.exitCode()).isEqualTo(2);
        assertThat(r4.err()).contains("sweep.yaml:3:").contains("empty");

        Path missing = sweepFile("""
                base: nope.yaml
                axes:
                  seed: [0]
                """);
        Distribution.Result r5 = Distribution.cli("sweep", missing.toString(), "--out", out.toString());
        assertThat(r5.exitCode()).isEqualTo(2);
        assertThat(r5.err()).contains("sweep.yaml:1:").contains("nope.yaml").contains("not found");

        assertThat(out).doesNotExist();
        assertThat(dir.resolve("sweeps")).doesNotExist();
    }
}
