package dev.contrastive.runtime;

import dev.contrastive.runtime.io.FolderLock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Run folders in tests: the only run under a folder, a copy, and every file's bytes to compare. */
public final class RunFolders {

    private RunFolders() {
    }

    /** The single run folder under {@code runs}. */
    public static Path onlyRun(Path runs) throws IOException {
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.reduce((a, b) -> {
                throw new IllegalStateException("more than one run under " + runs);
            }).orElseThrow(() -> new IllegalStateException("no run under " + runs));
        }
    }

    /**
     * Trains one epoch of {@link Distribution#TINY_RUN} under {@code dir} through the CLI, with
     * further {@code --set KEY=VALUE} settings; a run for the commands that read run folders.
     */
    public static Path trainTinyRun(Path dir, String... settings) throws IOException {
        Path runs = dir.resolve("runs");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run",
                Distribution.runFile(dir, Distribution.TINY_RUN).toString(), "--runs-dir", runs.toString(),
                "--set", "train.epochs=1"));
        for (String setting : settings) {
            args.add("--set");
            args.add(setting);
        }
        Distribution.Result result = Distribution.cli(args.toArray(String[]::new));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("the tiny run failed: " + result.err());
        }
        return onlyRun(runs);
    }

    private static Path shared;

    /**
     * One epoch of {@link Distribution#TINY_RUN} without the linear probe, trained once for every
     * test of this JVM that only needs some finished run: copy it before writing into it.
     */
    public static synchronized Path sharedTinyRun() throws IOException {
        if (shared == null) {
            Path dir = Files.createTempDirectory("shared-tiny-run");
            dir.toFile().deleteOnExit();
            shared = trainTinyRun(dir, "eval.linear=false");
        }
        return shared;
    }

    /** Copies {@code from} with everything in it to the new folder {@code to}. */
    public static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(file -> {
                try {
                    Files.copy(file, to.resolve(from.relativize(file).toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return to;
    }

    /**
     * Every file under {@code root} by relative path: its size, modification time and SHA-256; an
     * empty {@code .lock} (no writer's claim) aside.
     */
    public static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                if (bytes.length == 0 && file.getFileName().toString().equals(FolderLock.FILE_NAME)) {
                    continue; // no claim: the lock's bookkeeping, touched by every writer that checked or held it
                }
                files.put(root.relativize(file).toString(), bytes.length + " bytes, modified "
                        + Files.getLastModifiedTime(file) + ", " + java.util.HexFormat.of().formatHex(sha256(bytes)));
            }
        }
        return files;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
