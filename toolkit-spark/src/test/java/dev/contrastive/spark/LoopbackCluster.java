package dev.contrastive.spark;

import org.apache.spark.launcher.JavaModuleOptions;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on this machine: a master and one worker started from the JARs of
 * {@code dist/spark/lib} (no Spark installation), bound to 127.0.0.1 only. Spark's launcher needs a
 * {@code SPARK_HOME} that looks like a release (a {@code RELEASE} file and {@code jars/}) to start
 * the executors; it gets one with links to Spark's JARs, without the toolkit's, which the job
 * itself must ship.
 */
final class LoopbackCluster implements AutoCloseable {

    /** The longest wait for the worker to register with the master. */
    private static final long START_SECONDS = 120;

    private final Path home;
    private final List<Process> processes = new ArrayList<>();
    private final int port;
    private final int uiPort;
    private Process worker;

    /**
     * Starts the master and a worker with {@code cores} cores and Spark's defaults.
     *
     * @param dir a folder for the Spark home, the logs and the worker's work
     */
    LoopbackCluster(Path dist, Path dir, int cores) throws IOException, InterruptedException {
        this(dist, dir, cores, null);
    }

    /**
     * Starts the master and a worker with {@code cores} cores, both with the Spark settings of
     * {@code properties} (their {@code --properties-file}, where a cluster keeps its secret), or Spark's defaults.
     *
     * @param dir a folder for the Spark home, the logs and the worker's work
     */
    LoopbackCluster(Path dist, Path dir, int cores, Path properties) throws IOException, InterruptedException {
        home = Files.createDirectories(dir.resolve("spark-home"));
        Files.createFile(home.resolve("RELEASE"));
        Path jars = Files.createDirectories(home.resolve("jars"));
        try (DirectoryStream<Path> lib = Files.newDirectoryStream(dist.resolve("spark/lib"), "*.jar")) {
            for (Path jar : lib) {
                if (!jar.getFileName().toString().startsWith("toolkit-spark-")) {
                    Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar.toAbsolutePath());
                }
            }
        }
        port = freePort();
        uiPort = freePort();
        try {
            List<String> settings = properties == null ? List.of()
                    : List.of("--properties-file", properties.toString());
            processes.add(start("org.apache.spark.deploy.master.Master", dir.resolve("master.log"), settings, "--host",
                    "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(uiPort)));
            worker = start("org.apache.spark.deploy.worker.Worker", dir.resolve("worker.log"), settings, "--host",
                    "127.0.0.1", "--port", "0", "--webui-port", "0", "--cores", Integer.toString(cores), "--memory",
                    "2g", "--work-dir", Files.createDirectories(dir.resolve("work")).toString(), masterUrl());
            processes.add(worker);
            awaitWorker(dir);
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** {@code spark://127.0.0.1:PORT}. */
    String masterUrl() {
        return "spark://127.0.0.1:" + port;
    }

    /** The environment Spark's own processes, and the toolkit's driver, run with. */
    Map<String, String> environment() {
        return Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", "2.13", "SPARK_LOCAL_IP", "127.0.0.1");
    }

    /**
     * SIGKILLs the executor processes the worker started (their training JVMs end with them).
     *
     * @return how many were killed
     */
    int killExecutors() {
        List<ProcessHandle> executors = worker.toHandle().children()
                .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend")).toList();
        executors.forEach(ProcessHandle::destroyForcibly);
        return executors.size();
    }

    private Process start(String mainClass, Path log, List<String> settings, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m"));
        command.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
        command.addAll(List.of("-cp", home.resolve("jars") + "/*", mainClass));
        command.addAll(settings);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment());
        return builder.start();
    }

    private void awaitWorker(Path dir) throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < end) {
            if (processes.stream().anyMatch(p -> !p.isAlive())) {
                throw new IllegalStateException("a Spark process ended at start; see " + dir);
            }
            if (status().replaceAll("\\s", "").contains("\"aliveworkers\":1")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no worker registered within " + START_SECONDS + " s; see " + dir);
    }

    /** The master's status page, or an empty text while it does not answer. */
    private String status() {
        try (InputStream in = URI.create("http://127.0.0.1:" + uiPort + "/json/").toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Stops the worker (its executors and their JVMs first) and the master, each within a bounded wait. */
    @Override
    public void close() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            List<ProcessHandle> descendants = process.descendants().toList();
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }
}
