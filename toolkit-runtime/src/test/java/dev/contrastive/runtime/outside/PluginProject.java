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
     * Runs {@code mvn -o -B -q ARGS} in {@code dir}, against the local repository, and asserts that it
     * succeeds.
     *
     * @throws AssertionError with the end of Maven's output when it fails or times out
     */
    static void maven(Path dir, String... args) throws IOException, InterruptedException {
        maven(offline(), dir, args);
    }

    /** Runs {@code mvn -B -q OPTIONS ARGS} in {@code dir} and asserts that it succeeds. */
    static void maven(List<String> options, Path dir, String... args) throws IOException, InterruptedException {
        Outcome outcome = run(options, dir, args);
        if (outcome.exitCode() != 0) {
            String output = outcome.output();
            throw new AssertionError("mvn " + String.join(" ", options) + " " + String.join(" ", args) + " failed in "
                    + dir + ":\n" + output.substring(Math.max(0, output.length() - 6000)));
        }
    }

    /** Runs {@code mvn -o -B -q ARGS} in {@code dir}, against the local repository; a timeout is exit code -1. */
    static Outcome run(Path dir, String... args) throws IOException, InterruptedException {
        return run(offline(), dir, args);
    }

    /** Runs {@code mvn -B -q OPTIONS ARGS} in {@code dir}; a timeout is exit code -1. */
    static Outcome run(List<String> options, Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(mavenExecutable(), "-B", "-q", "-Dstyle.color=never"));
        command.addAll(options);
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

    /** Offline, against the local repository the reactor installed into. */
    private static List<String> offline() {
        return List.of("-o", "-Dmaven.repo.local=" + localRepository());
    }

    /**
     * The local repository of the build running these tests: surefire passes the build's
     * {@code settings.localRepository} as {@code maven.repo.local}, so it is the folder of the
     * build's own {@code -Dmaven.repo.local=...} when it was given one.
     */
    static Path localRepository() {
        String repository = System.getProperty("maven.repo.local");
        if (repository == null || repository.isBlank()) {
            throw new IllegalStateException("maven.repo.local is not set: run these tests through Maven (mvn install)");
        }
        return Path.of(repository);
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

    /**
     * Copies a project, without its build output (every {@code target} folder, its modules' too), so
     * the test never writes into the source tree.
     */
    static Path copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path relative = from.relativize(file);
                if (isBuildOutput(relative)) {
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

    private static boolean isBuildOutput(Path relative) {
        for (Path name : relative) {
            if (name.toString().equals("target")) {
                return true;
            }
        }
        return false;
    }
}
