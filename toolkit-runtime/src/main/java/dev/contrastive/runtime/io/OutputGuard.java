package dev.contrastive.runtime.io;

import dev.contrastive.runtime.UserError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The one check of every output path a user names ({@code export --out}, {@code embed --out} and
 * its names file, {@code augment ... --out}, {@code sweep --out}): it must not be an existing
 * folder, nor a file the toolkit itself owns in a run folder or a sweep folder, however it is
 * reached (a relative path, {@code ..}, a symbolic link). So no command's output can destroy the
 * run it reads.
 */
public final class OutputGuard {

    /**
     * The files the toolkit writes at the top of a run folder (the DJL model folder's
     * {@code serving.properties} and {@code head.params} among them); {@code checkpoints/} and
     * TensorBoard's {@code tb/} are its own too.
     */
    public static final Set<String> RUN_FILES = Set.of("config.yaml", "metrics.jsonl", "report.md", "loss.png",
            "accuracy.png", "encoder.params", "encoder.safetensors", "serving.properties", "head.params",
            FolderLock.FILE_NAME);
    private static final Set<String> RUN_FOLDERS = Set.of("checkpoints", "tb");
    /** The files the toolkit writes at the top of a sweep folder; {@code runs/} is its own too. */
    public static final Set<String> SWEEP_FILES = Set.of("results.csv", "results.md", "results.png",
            FolderLock.FILE_NAME);

    private OutputGuard() {
    }

    /**
     * Refuses {@code file} as an output when it is a folder or a file the toolkit owns.
     *
     * @throws UserError exit code 2, "cannot write FILE: ..." saying what it is
     */
    public static void checkFile(Path file) {
        Path target = resolved(file);
        if (Files.isDirectory(target)) {
            throw refused(file, "it is a folder; give a file name");
        }
        checkNotOwned(file, target);
    }

    /**
     * Refuses {@code folder} as an output folder when it is a file, or lies inside a run folder or
     * among a sweep's own files.
     */
    public static void checkFolder(Path folder) {
        Path target = resolved(folder);
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw refused(folder, "it is " + InputPaths.describe(target) + ", not a folder");
        }
        for (Path dir = target; dir != null; dir = dir.getParent()) {
            if (isRunFolder(dir)) {
                throw refused(folder, "it is inside the run folder " + dir + "; give a folder outside it");
            }
        }
        checkNotOwned(folder, target);
    }

    private static void checkNotOwned(Path given, Path target) {
        Path child = target;
        for (Path dir = target.getParent(); dir != null; child = dir, dir = dir.getParent()) {
            String top = child.getFileName().toString();
            String name = top.endsWith(".tmp") ? top.substring(0, top.length() - 4) : top;
            if (isRunFolder(dir) && (RUN_FILES.contains(name) || RUN_FOLDERS.contains(top))) {
                throw refused(given, "it is the toolkit's own " + dir.relativize(target) + " of the run folder "
                        + dir + "; give a path outside the files the toolkit writes");
            }
            if (isSweepFolder(dir) && (SWEEP_FILES.contains(name) || top.equals("runs"))) {
                throw refused(given, "it is the toolkit's own " + dir.relativize(target) + " of the sweep folder "
                        + dir + "; give a path outside the files the toolkit writes");
            }
        }
    }

    /** A folder written by {@code toolkit run}: {@code config.yaml} beside {@code checkpoints/} or a metrics log. */
    public static boolean isRunFolder(Path dir) {
        return Files.isRegularFile(dir.resolve("config.yaml"))
                && (Files.isDirectory(dir.resolve("checkpoints")) || Files.isRegularFile(dir.resolve("metrics.jsonl")));
    }

    /** A folder written by {@code toolkit sweep}: its results beside {@code runs/}. */
    public static boolean isSweepFolder(Path dir) {
        return Files.isRegularFile(dir.resolve("results.csv")) && Files.isDirectory(dir.resolve("runs"));
    }

    /** The real path {@code path} names: links followed, also of a file that does not exist yet. */
    private static Path resolved(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            if (Files.exists(absolute)) {
                return absolute.toRealPath();
            }
            Path parent = absolute.getParent();
            return parent != null && Files.exists(parent) ? parent.toRealPath().resolve(absolute.getFileName())
                    : absolute;
        } catch (IOException e) {
            return absolute;
        }
    }

    private static UserError refused(Path path, String why) {
        return new UserError(UserError.USAGE, "cannot write " + path + ": " + why);
    }
}
