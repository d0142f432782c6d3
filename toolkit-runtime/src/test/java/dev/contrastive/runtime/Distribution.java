package dev.contrastive.runtime;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import dev.contrastive.runtime.cli.Main;
import dev.contrastive.runtime.cli.Toolkit;
import dev.contrastive.runtime.train.TrainingListener;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reactor's distribution folder, where the plugin modules copied their JARs before this
 * module's tests run: integration tests load plugins from there, never from the test classpath.
 */
public final class Distribution {

    /** The toolkit version being built (the reactor's project version), which the plugin JARs carry. */
    public static final String VERSION = System.getProperty("toolkit.version", "0.3.0");

    private Distribution() {
    }

    /** The bundled JAR of plugin {@code name}, e.g. {@code moco}. */
    public static Path pluginJar(String name) {
        return home().resolve("plugins").resolve("plugin-" + name + "-" + VERSION + ".jar");
    }

    /** {@code dist/}, as built by the reactor. */
    public static Path home() {
        Path home = Path.of(System.getProperty("dist.dir", "../dist"));
        if (!Files.isRegularFile(home.resolve("plugins").resolve("plugin-moco-" + VERSION + ".jar"))) {
            throw new IllegalStateException("build the plugins first (mvn install from the root): no MoCo JAR in "
                    + home.resolve("plugins"));
        }
        return home;
    }

    /** Writes {@code text} as {@code dir/run.yaml} and returns its path. */
    public static Path runFile(Path dir, String text) throws java.io.IOException {
        Path file = dir.resolve("run.yaml");
        Files.writeString(file, text);
        return file;
    }

    /**
     * A MoCo run small enough for seconds on one core; queue of one batch so it is filled after
     * one step; kNN on the first 1,000 test images. One thread: the suite runs two test JVMs side by
     * side (the root {@code pom.xml}), and a child CLI of one shares the two cores with the other.
     */
    public static final String TINY_RUN = """
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
              epochs: 2
              batch_size: 64
              lr: 0.1
              log_every: 1
              threads: 1
            knn:
              k: 20
              train_limit: 2000
              test_limit: 1000
            moco:
              queue: 64
            """;

    /** What a CLI invocation printed and returned. */
    public record Result(int exitCode, String out, String err) {
    }

    /**
     * Starts the CLI in a child JVM of this test's class path, with the bundled plugins, its
     * output and errors going to {@code log}: for tests of processes (two at once, a kill).
     */
    public static Process child(Path log, String... args) throws java.io.IOException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dtoolkit.home=" + home().toAbsolutePath(), "-Dai.djl.offline=true", Main.class.getName()));
        command.addAll(java.util.List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Runs the CLI in this JVM with the bundled plugins. */
    public static Result cli(String... args) {
        return cli(new Module[0], args);
    }

    /**
     * Runs the CLI in this JVM with the bundled plugins and a training listener of the test's,
     * bound as the CLI's wiring binds listeners.
     */
    public static Result cliWith(TrainingListener listener, String... args) {
        return cli(new Module[] {binder -> Multibinder.newSetBinder(binder, TrainingListener.class).addBinding()
                .toInstance(listener)}, args);
    }

    private static Result cli(Module[] modules, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.execute(args, new Toolkit(VERSION, home(), o, e, false), modules);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Runs the CLI in a child JVM on the test class path, as {@code ./toolkit} runs it: a process of
     * its own, whose libtorch thread settings no earlier test of this JVM has fixed.
     *
     * @param log file that receives the child's output and errors
     */
    public static Result process(Path log, String... args) throws java.io.IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "-Dtoolkit.home=" + home().toAbsolutePath(),
                "-Dai.djl.offline=true", Main.class.getName()));
        command.addAll(java.util.List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!child.waitFor(10, java.util.concurrent.TimeUnit.MINUTES)) {
            child.destroyForcibly().waitFor();
            throw new IllegalStateException("the child CLI ran past 10 minutes: " + String.join(" ", args));
        }
        String output = Files.readString(log);
        return new Result(child.exitValue(), output, output);
    }
}
