package dev.contrastive.runtime;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for a test, to fill a disk for real: mounting needs root, so without it
 * the test is skipped with a message saying so (printed, and JUnit's reason of the skip).
 */
public final class SmallDisk implements AutoCloseable {

    private final Path mountPoint;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs of {@code kib} KiB on a new folder under {@code parent}; skips the test when not root. */
    public static SmallDisk mount(Path parent, int kib) throws IOException {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) {
            String message = "SKIPPED: this full-disk test mounts a small tmpfs, which needs root; run the tests as "
                    + "root (as ./test does in CI) to run it";
            System.err.println(message);
            Assumptions.assumeTrue(false, message);
        }
        Path point = Files.createDirectories(parent.resolve("small-disk"));
        run("mount", "-t", "tmpfs", "-o", "size=" + kib + "k", "tmpfs", point.toString());
        return new SmallDisk(point);
    }

    /** The mounted folder. */
    public Path root() {
        return mountPoint;
    }

    /**
     * Fills the disk, leaving {@code pages} free 4 KiB pages (tmpfs allocates whole pages), with
     * {@code filler}, which {@link #free} removes.
     */
    public void fill(int pages) throws IOException {
        Path reserve = mountPoint.resolve("reserve");
        Files.write(reserve, new byte[pages * 4096]);
        try (OutputStream out = Files.newOutputStream(filler())) {
            byte[] block = new byte[4096];
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            // the disk is full
        }
        Files.delete(reserve);
    }

    /** Removes the filler of {@link #fill}. */
    public void free() throws IOException {
        Files.deleteIfExists(filler());
    }

    private Path filler() {
        return mountPoint.resolve("filler");
    }

    @Override
    public void close() throws IOException {
        run("umount", "-l", mountPoint.toString());
    }

    private static void run(String... command) throws IOException {
        try {
            Process process = new ProcessBuilder(List.of(command)).inheritIO().start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
