package dev.contrastive.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

/**
 * {@code toolkit sweep --engine spark} on a standalone cluster on loopback (a master and a worker
 * of two cores, started from dist/spark/lib): the same results as a local sweep, and a worker's
 * executor killed mid-sweep costs a retry that resumes the run, nothing more; a sweep given a
 * secret is refused by this cluster, which does not authenticate.
 */
class SparkSweepIT {

    /** A MoCo run of seconds: 10 steps of one epoch, one thread, no linear probe, a checkpoint every 2 steps. */
    static final String RUN = """
            name: tiny
            seed: 3
            objective: moco
            data:
              limit: 640
            model:
              width: 4
              head_hidden: 64
              head_dim: 32
            train:
              epochs: 1
              batch_size: 64
              lr: 0.1
              log_every: 5
              threads: 1
              checkpoint_every_steps: 2
            knn:
              k: 20
              train_limit: 1000
            eval:
              linear: false
            moco:
              queue: 64
            """;

    private static final String SWEEP = """
            name: temps
            base: run.yaml
            axes:
              moco.temperature: [0.2, 0.5]
              seed: [0, 1]
            baseline: {moco.temperature: 0.2}
            """;

    /** The columns of results.csv that differ from one invocation to the next. */
    private static final List<String> TIMES = List.of("train_s", "wall_s");

    private static final Path DIST = Path.of(System.getProperty("dist.dir", "../dist")).toAbsolutePath();

    @TempDir
    static Path clusterDir;

    private static LoopbackCluster cluster;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCluster() throws IOException, InterruptedException {
        cluster = new LoopbackCluster(DIST, clusterDir, 2);
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    private Path sweepFile(String sweep) throws IOException {
        Files.writeString(dir.resolve("run.yaml"), RUN);
        return Files.writeString(dir.resolve("sweep.yaml"), sweep);
    }

    private String[] onCluster(Path file, Path out) {
        return new String[] {"sweep", file.toString(), "--out", out.toString(), "--engine", "spark", "--master",
                cluster.masterUrl(), "--conf", "spark.ui.enabled=false", "--conf", "spark.executor.memory=512m"};
    }

    @Test
    void aSweepOnTheClusterGivesTheResultsOfALocalSweep() throws IOException, InterruptedException {
        Path file = sweepFile(SWEEP);
        Path spark = dir.resolve("spark");
        Path local = dir.resolve("local");
        ToolkitProcess.Finished onSpark = ToolkitProcess.run(DIST, cluster.environment(), dir.resolve("spark.txt"),
                onCluster(file, spark));
        assertThat(onSpark.exitCode()).as(onSpark.output()).isZero();
        assertThat(onSpark.output()).contains("4 runs into " + spark + ", on Spark at " + cluster.masterUrl())
                .contains(" on 127.0.0.1 (log ").contains("4 finished, 0 failed");
        ToolkitProcess.Finished here = ToolkitProcess.run(DIST, Map.of(), dir.resolve("local.txt"),
                "sweep", file.toString(), "--out", local.toString());
        assertThat(here.exitCode()).as(here.output()).isZero();

        // both trained with one thread from the same seeds: the same numbers, only the times differ
        assertThat(withoutTimes(spark.resolve("results.csv"))).hasSize(5)
                .isEqualTo(withoutTimes(local.resolve("results.csv")));
        assertThat(withoutTimes(spark.resolve("results.md")))
                .anySatisfy(line -> assertThat(line).startsWith("| moco.temperature=0.5 | 2 | "))
                .isEqualTo(withoutTimes(local.resolve("results.md")));
        BufferedImage sparkPng = ImageIO.read(spark.resolve("results.png").toFile());
        BufferedImage localPng = ImageIO.read(local.resolve("results.png").toFile());
        assertThat(sparkPng.getWidth()).isEqualTo(localPng.getWidth());
        assertThat(sparkPng.getHeight()).isEqualTo(localPng.getHeight());
        assertThat(files(spark.resolve("runs"))).isEqualTo(files(local.resolve("runs")));
        assertThat(spark.resolve("runs/seed=1,moco.temperature=0.5/config.yaml")).content()
                .contains("# sweep " + file + ", variant seed=1,moco.temperature=0.5").contains("threads: 1");
        assertThat(files(spark.resolve("logs"))).contains("spark-driver.log", "seed=0,moco.temperature=0.2.log");
        assertThat(spark).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith(".spark-"));
    }

    @Test
    void aKilledExecutorsRunsAreRetriedFromTheirCheckpointsAndARerunTrainsNothing()
            throws IOException, InterruptedException {
        Path file = sweepFile(SWEEP.replace("moco.temperature: [0.2, 0.5]\n", "").replace("baseline: "
                + "{moco.temperature: 0.2}\n", ""));
        Path out = dir.resolve("out");
        ToolkitProcess sweep = ToolkitProcess.start(DIST, cluster.environment(), dir.resolve("first.txt"),
                onCluster(file, out));
        Path checkpoint = awaitCheckpoint(out.resolve("runs"), sweep);
        assertThat(cluster.killExecutors()).as("executors killed").isEqualTo(1);
        assertThat(sweep.exitCode()).as(sweep.output()).isZero();

        String first = sweep.output();
        assertThat(first).contains("lost on 127.0.0.1 (ExecutorLostFailure").contains("Spark retries it")
                .contains("sweep: resuming " + checkpoint.getParent().getParent() + " on 127.0.0.1, attempt 2")
                .contains("2 finished, 0 failed");
        String log = Files.readString(out.resolve("logs").resolve(checkpoint.getParent().getParent().getFileName()
                + ".log"));
        assertThat(log).contains("continuing after step");
        assertThat(Files.readAllLines(out.resolve("results.csv")).stream().filter(r -> r.contains(",ok,")))
                .hasSize(2);

        ToolkitProcess.Finished again = ToolkitProcess.run(DIST, cluster.environment(), dir.resolve("again.txt"),
                onCluster(file, out));
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("sweep: seed=0 done", "sweep: seed=1 done")
                .doesNotContain("sweep: run ", "sweep: resuming ");
        assertThat(Files.readAllLines(out.resolve("results.csv")).stream().filter(r -> r.contains(",done,")))
                .hasSize(2);
    }

    @Test
    void aSweepWithASecretIsRefusedByAClusterThatDoesNotAuthenticate() throws IOException, InterruptedException {
        Path file = sweepFile(SWEEP);
        Path secret = Files.writeString(dir.resolve("secret"), "a-secret-this-cluster-does-not-know\n");
        List<String> args = new ArrayList<>(List.of(onCluster(file, dir.resolve("out"))));
        args.addAll(List.of("--secret-file", secret.toString()));
        ToolkitProcess sweep = ToolkitProcess.start(DIST, cluster.environment(), dir.resolve("refused.txt"),
                args.toArray(String[]::new));
        int code = sweep.exitCode(45);
        assertThat(code).as(sweep.output()).isEqualTo(5);
        assertThat(sweep.output().lines().filter(l -> l.startsWith("error: ")).toList()).singleElement().asString()
                .contains("the Spark master " + cluster.masterUrl() + " refused the sweep's authentication")
                .contains("the secret in " + secret);
        assertThat(sweep.output()).doesNotContain("\tat ");
    }

    /** The first run's {@code last.ckpt}, once written (at most two minutes). */
    private static Path awaitCheckpoint(Path runs, ToolkitProcess sweep) throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < end) {
            if (Files.isDirectory(runs)) {
                try (Stream<Path> checkpoints = Files.find(runs, 3, (p, a) -> p.endsWith("checkpoints/last.ckpt"))) {
                    List<Path> found = checkpoints.toList();
                    if (!found.isEmpty()) {
                        return found.get(0);
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no checkpoint within two minutes:\n" + sweep.output());
    }

    /** The lines of a results file with the times blanked: results.csv's time columns, results.md's train s. */
    private static List<String> withoutTimes(Path results) throws IOException {
        List<String> lines = Files.readAllLines(results);
        if (results.toString().endsWith(".md")) {
            return lines.stream().map(l -> l.replaceAll("\\| [0-9]+ ± [0-9]+ \\|$", "| … |")).toList();
        }
        List<String> header = List.of(lines.get(0).split(","));
        List<String> blanked = new ArrayList<>();
        for (String line : lines) {
            // the variant ids hold commas: count the columns from the end
            List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            for (String time : TIMES) {
                cells.set(cells.size() - (header.size() - header.indexOf(time)), "…");
            }
            blanked.add(String.join(",", cells));
        }
        return blanked;
    }

    /**
     * The files under {@code root}, relative to it; a TensorBoard event file's name ends in the
     * second it was opened and its host ({@code events.out.tfevents.<time>.<host>.0}), kept as
     * {@code events.out.tfevents.*}.
     */
    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
                    .map(name -> name.replaceAll("events\\.out\\.tfevents\\..*$", "events.out.tfevents.*"))
                    .sorted().toList();
        }
    }
}
