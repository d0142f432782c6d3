package dev.contrastive.runtime;

import dev.contrastive.runtime.io.FolderLock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The fixtures of issue 24's cases in {@link BadInputTest}: run and sweep folders that look
 * written by the toolkit (their files are stand-ins; every case is refused before reading them),
 * the same held by a writer, and paths that are not regular files.
 */
final class BadInputFixtures {

    private static final List<FolderLock> HELD = new ArrayList<>();

    private BadInputFixtures() {
    }

    /**
     * A run folder: {@code fake} holds every file a finished run has; {@code locked} is the same
     * with its one-writer lock held by this JVM, as a run that trains holds it.
     */
    static void run(Path folder, String recipe) throws IOException {
        Files.writeString(folder.resolve("config.yaml"), "name: fake\nobjective: moco\n");
        Files.writeString(folder.resolve("metrics.jsonl"), "{\"type\":\"epoch\",\"epoch\":1}\n");
        Files.writeString(folder.resolve("report.md"), "# Run report: fake\n");
        Files.write(folder.resolve("loss.png"), new byte[] {1, 2, 3});
        Files.write(folder.resolve("encoder.params"), new byte[] {4, 5, 6, 7});
        Files.write(folder.resolve("encoder.safetensors"), new byte[] {8, 9});
        Files.createDirectories(folder.resolve("checkpoints"));
        Files.write(folder.resolve("checkpoints/last.ckpt"), new byte[] {10, 11, 12});
        switch (recipe) {
            case "fake" -> { }
            case "locked" -> hold(folder, "run folder");
            default -> throw new IllegalArgumentException("no run recipe " + recipe);
        }
    }

    /** A sweep folder: {@code fake} with its results and {@code runs/}; {@code locked} held by this JVM. */
    static void sweep(Path folder, String recipe) throws IOException {
        Files.writeString(folder.resolve("results.csv"), "id,status\n");
        Files.writeString(folder.resolve("results.md"), "# results\n");
        Files.createDirectories(folder.resolve("runs"));
        switch (recipe) {
            case "fake" -> { }
            case "locked" -> hold(folder, "sweep folder");
            default -> throw new IllegalArgumentException("no sweep recipe " + recipe);
        }
    }

    /**
     * A path that is not what it should be: {@code fifo} a FIFO, {@code dev-zero-link} a link to
     * {@code /dev/zero}, {@code dangling} a link to nothing, {@code sweep-base-fifo} a folder whose
     * {@code sweep.yaml} names a FIFO as its base, {@code run-config-fifo} a run folder whose
     * {@code config.yaml} is a FIFO, {@code link-to-encoder} a folder with a fake
     * run in {@code run/} and {@code link.params}, a link to its {@code encoder.params}.
     */
    static Path path(Path work, String recipe) throws IOException {
        Path folder = Files.createDirectories(work.resolve("path-" + recipe));
        switch (recipe) {
            case "fifo" -> {
                return fifo(folder.resolve("run.yaml"));
            }
            case "dev-zero-link" -> {
                return Files.createSymbolicLink(folder.resolve("run.yaml"), Path.of("/dev/zero"));
            }
            case "dangling" -> {
                return Files.createSymbolicLink(folder.resolve("run.yaml"), folder.resolve("gone.yaml"));
            }
            case "sweep-base-fifo" -> {
                fifo(folder.resolve("base.yaml"));
                Files.writeString(folder.resolve("sweep.yaml"), "name: fifo-base\nbase: base.yaml\n"
                        + "variants:\n  - {train.epochs: 1}\n");
                return folder;
            }
            case "run-config-fifo" -> {
                Files.createDirectories(folder.resolve("checkpoints"));
                fifo(folder.resolve("config.yaml"));
                return folder;
            }
            case "link-to-encoder" -> {
                Path run = Files.createDirectories(folder.resolve("run"));
                run(run, "fake");
                Files.createSymbolicLink(folder.resolve("link.params"), run.resolve("encoder.params"));
                return folder;
            }
            default -> throw new IllegalArgumentException("no path recipe " + recipe);
        }
    }

    /** Makes a FIFO (named pipe) with {@code mkfifo}. */
    static Path fifo(Path path) throws IOException {
        try {
            Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
            if (mkfifo.waitFor() != 0) {
                throw new IOException("mkfifo " + path + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return path;
    }

    private static void hold(Path folder, String what) {
        HELD.add(FolderLock.acquire(folder, what, "BadInputTest's fixture"));
    }

    /** Releases the locks the fixtures hold. */
    static void releaseLocks() {
        HELD.forEach(FolderLock::close);
        HELD.clear();
    }

    /** The SHA-256 of a file, in hex. */
    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
