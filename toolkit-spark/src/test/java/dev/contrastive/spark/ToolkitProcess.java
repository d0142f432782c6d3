package dev.contrastive.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code toolkit ARGS} as the launcher runs it, from {@code dist/lib}, in a JVM of its own. */
final class ToolkitProcess {

    /** The longest a sweep of these tests may take. */
    private static final long LIMIT_SECONDS = 600;

    private final Process process;
    private final Path output;

    private ToolkitProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /**
     * Starts {@code toolkit args} with {@code environment} added to this JVM's.
     *
     * @param output where its standard output and error go
     */
    static ToolkitProcess start(Path dist, Map<String, String> environment, Path output, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dai.djl.offline=true", "-Dtoolkit.home=" + dist, "-cp", dist.resolve("lib") + "/*",
                "dev.contrastive.runtime.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        return new ToolkitProcess(builder.start(), output);
    }

    /** Waits for the end, at most {@value #LIMIT_SECONDS} s (then it is killed). */
    int exitCode() throws InterruptedException {
        return exitCode(LIMIT_SECONDS);
    }

    /** Waits for the end, at most {@code seconds} (then it is killed and this throws). */
    int exitCode(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("toolkit ran longer than " + seconds + " s");
        }
        return process.exitValue();
    }

    /** Whether it still runs. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** What it printed so far. */
    String output() throws IOException {
        return Files.readString(output);
    }

    /** Runs {@code toolkit args} to its end. */
    static Finished run(Path dist, Map<String, String> environment, Path output, String... args)
            throws IOException, InterruptedException {
        ToolkitProcess toolkit = start(dist, environment, output, args);
        int code = toolkit.exitCode();
        return new Finished(code, toolkit.output());
    }

    /** An ended run: its exit code and output. */
    record Finished(int exitCode, String output) {
    }
}
