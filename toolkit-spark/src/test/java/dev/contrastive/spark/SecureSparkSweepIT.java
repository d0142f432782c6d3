package dev.contrastive.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code toolkit sweep --engine spark} on a loopback standalone cluster that authenticates
 * ({@code spark.authenticate}, a shared secret) and encrypts its RPC with AES/GCM: the sweep
 * given the cluster's secret by {@code --secret-file} trains, and the secret appears on no
 * process's command line, in no training JVM's environment, and in no file the toolkit, its
 * driver or the cluster wrote; given another secret, the sweep is refused with one message within
 * seconds (Spark itself would retry for a minute and then call the master unresponsive).
 */
class SecureSparkSweepIT {

    private static final String SWEEP = """
            name: secure
            base: run.yaml
            axes:
              seed: [0]
            """;

    /** Far less than Spark's own minute of registration retries. */
    private static final long REFUSAL_SECONDS = 45;

    private static final Path DIST = Path.of(System.getProperty("dist.dir", "../dist")).toAbsolutePath();

    /** A fresh random secret, so that finding it anywhere means it leaked from here. */
    private static final String SECRET = secret();

    @TempDir
    static Path clusterDir;

    /** The cluster's properties file and the toolkit's secret files: the only places the secrets may be. */
    @TempDir
    static Path secrets;

    private static LoopbackCluster cluster;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCluster() throws IOException, InterruptedException {
        Path properties = readableByOwnerOnly(secrets.resolve("cluster.conf"), """
                spark.authenticate true
                spark.authenticate.secret %s
                spark.network.crypto.enabled true
                spark.network.crypto.cipher AES/GCM/NoPadding
                """.formatted(SECRET));
        cluster = new LoopbackCluster(DIST, clusterDir, 1, properties);
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theClustersSecretFromAFileRunsTheSweepAndShowsNowhere() throws IOException, InterruptedException {
        Path secretFile = readableByOwnerOnly(secrets.resolve("right"), SECRET + "\n");
        Path out = dir.resolve("out");
        ToolkitProcess sweep = ToolkitProcess.start(DIST, cluster.environment(), dir.resolve("sweep.txt"),
                onCluster(out, secretFile));
        Set<String> seen = new TreeSet<>();
        int runJvms = 0;
        while (sweep.isAlive()) {
            runJvms += lookForTheSecret(seen);
            Thread.sleep(50);
        }
        int code = sweep.exitCode();
        String output = sweep.output();
        assertThat(code).as(output).isZero();
        assertThat(output).contains("1 runs into " + out + ", on Spark at " + cluster.masterUrl())
                .contains("RPC encryption with AES/GCM/NoPadding").contains("1 finished, 0 failed");
        assertThat(out.resolve("results.csv")).content().contains(",ok,");

        assertThat(seen).as("processes whose command line or environment holds the secret").isEmpty();
        assertThat(runJvms).as("samples of the training JVM's environment").isPositive();
        assertThat(filesHolding(SECRET, dir, clusterDir)).as("files holding the secret").isEmpty();
        assertThat(filesHolding(secretFile.toString(), clusterDir))
                .as("the cluster never learns where the toolkit keeps its secret").isEmpty();
    }

    @Test
    void anotherSecretIsRefusedWithOneMessageWithinSeconds() throws IOException, InterruptedException {
        Path wrong = readableByOwnerOnly(secrets.resolve("wrong"), secret() + "\n");
        Path out = dir.resolve("out");
        ToolkitProcess sweep = ToolkitProcess.start(DIST, cluster.environment(), dir.resolve("wrong.txt"),
                onCluster(out, wrong));
        int code = sweep.exitCode(REFUSAL_SECONDS);
        String output = sweep.output();

        assertThat(code).as(output).isEqualTo(5);
        assertThat(output.lines().filter(l -> l.startsWith("error: ")).toList()).as(output).singleElement()
                .asString().contains("the Spark master " + cluster.masterUrl() + " refused the sweep's authentication")
                .contains("the secret in " + wrong + " must be the cluster's spark.authenticate.secret");
        assertThat(output).doesNotContain("\tat ").doesNotContain("Exception in thread");
        // refused before the SparkContext started: no run began
        try (Stream<Path> runs = Files.walk(out.resolve("runs"))) {
            assertThat(runs.filter(Files::isRegularFile).toList()).as("files of runs").isEmpty();
        }
    }

    private String[] onCluster(Path out, Path secretFile) throws IOException {
        Files.writeString(dir.resolve("run.yaml"), SparkSweepIT.RUN);
        Path file = Files.writeString(dir.resolve("sweep.yaml"), SWEEP);
        return new String[] {"sweep", file.toString(), "--out", out.toString(), "--engine", "spark", "--master",
                cluster.masterUrl(), "--secret-file", secretFile.toString(), "--conf",
                "spark.network.crypto.enabled=true", "--conf", "spark.ui.enabled=false", "--conf",
                "spark.executor.memory=512m"};
    }

    /**
     * Adds to {@code seen} each process whose command line, or (for this sweep's training JVM)
     * environment, holds the secret.
     *
     * @return how many training JVMs of this sweep were looked at
     */
    private int lookForTheSecret(Set<String> seen) {
        int runJvms = 0;
        for (ProcessHandle process : ProcessHandle.allProcesses().toList()) {
            String command = process.info().commandLine().orElse("");
            if (command.contains(SECRET)) {
                seen.add(command);
            }
            if (command.contains("--only") && command.contains(dir.toString())) {
                runJvms++;
                try {
                    String environment = Files.readString(Path.of("/proc", Long.toString(process.pid()), "environ"),
                            StandardCharsets.ISO_8859_1);
                    if (environment.contains(SECRET)) {
                        seen.add("the environment of " + command);
                    }
                } catch (IOException e) {
                    runJvms--; // it ended meanwhile
                }
            }
        }
        return runJvms;
    }

    /** The regular files under {@code roots} whose bytes hold {@code text}. */
    private static List<Path> filesHolding(String text, Path... roots) throws IOException {
        List<Path> holding = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                // not through links: the cluster's Spark home links to Spark's JARs
                for (Path file : files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
                    if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text)) {
                        holding.add(file);
                    }
                }
            }
        }
        return holding;
    }

    private static Path readableByOwnerOnly(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
