package dev.contrastive.runtime.outside;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Maven on a plugin project the way its author does, with the Maven that builds the toolkit,
 * offline, against the local repository the reactor installed the API, its test kit and the
 * archetype into: the proof that a plugin needs nothing of the toolkit's source tree.
 */
final class PluginProject {

    private static final long TIMEOUT_MINUTES = 8;

    private PluginProject() {
    }

    /** Maven's exit code and its output. */
    record Outcome(int exitCode, String output) {
    }

    /**
     * Runs {@code mvn -o -B -q ARGS} in {@code dir} and asserts that it succeeds.
     *
     * @throws AssertionError with the end of Maven's output when it fails or times out
     */
    static void maven(Path dir, String... args) throws IOException, InterruptedException {
        Outcome outcome = run(dir, args);
        if (outcome.exitCode() != 0) {
            String output = outcome.output();
            throw new AssertionError("mvn " + String.join(" ", args) + " failed in " + dir + ":\n"
                    + output.substring(Math.max(0, output.length() - 6000)));
        }
    }

    /** Runs {@code mvn -o -B -q ARGS} in {@code dir}; a timeout is exit code -1. */
    static Outcome run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(mavenExecutable(), "-o", "-B", "-q", "-Dstyle.color=never"));
        String repository = System.getProperty("maven.repo.local");
        if (repository != null && !repository.isBlank()) {
            command.add("-Dmaven.repo.local=" + repository);
        }
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "maven", ".log");
        Process maven = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean finished = maven.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!finished) {
            maven.destroyForcibly().waitFor();
        }
        return new Outcome(finished ? maven.exitValue() : -1, Files.readString(log, StandardCharsets.UTF_8));
    }

    private static String mavenExecutable() {
        String home = System.getProperty("maven.home");
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("maven.home is not set: run these tests through Maven (mvn install)");
        }
        return Path.of(home, "bin", "mvn").toString();
    }

    /** The toolkit's source tree, for its examples. */
    static Path toolkitRoot() {
        return Path.of(System.getProperty("toolkit.root", ".."));
    }

    /** Copies a project, without its build output, so the test never writes into the source tree. */
    static Path copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path relative = from.relativize(file);
                if (relative.startsWith("target")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return to;
    }
}
