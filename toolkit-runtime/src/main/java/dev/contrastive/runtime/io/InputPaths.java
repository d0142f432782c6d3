package dev.contrastive.runtime.io;

import dev.contrastive.runtime.UserError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The one check of every input path before it is opened: a file must be a regular file (a link
 * is followed), a folder a folder. A FIFO would block the reader forever and a device such as
 * {@code /dev/zero} never ends, so neither is opened; the message says what the path is.
 */
public final class InputPaths {

    private static final int TYPE_MASK = 0170000;
    private static final int FIFO = 0010000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;
    private static final int SOCKET = 0140000;

    private InputPaths() {
    }

    /** Whether {@code path} exists at all, a dangling link included. */
    public static boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * What {@code path} is, as a message says it: "a regular file", "a folder", "a FIFO (named
     * pipe)", "a character device", "a block device", "a socket", "a dangling symbolic link",
     * "missing".
     */
    public static String describe(Path path) {
        if (!exists(path)) {
            return "missing";
        }
        if (!Files.exists(path)) {
            return "a dangling symbolic link";
        }
        if (Files.isRegularFile(path)) {
            return "a regular file";
        }
        if (Files.isDirectory(path)) {
            return "a folder";
        }
        try {
            int type = (Integer) Files.getAttribute(path, "unix:mode") & TYPE_MASK;
            return switch (type) {
                case FIFO -> "a FIFO (named pipe)";
                case CHARACTER_DEVICE -> "a character device";
                case BLOCK_DEVICE -> "a block device";
                case SOCKET -> "a socket";
                default -> "neither a file nor a folder";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "neither a file nor a folder";
        }
    }

    /** " (a link to TARGET)" when {@code path} is a symbolic link, else "". */
    private static String link(Path path) {
        if (!Files.isSymbolicLink(path)) {
            return "";
        }
        try {
            return " (a link to " + Files.readSymbolicLink(path) + ")";
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Refuses {@code path} unless it is a regular file.
     *
     * @param what what the file is to the user ("run file", "data file")
     * @param exitCode the exit code of the refusal, the input's class (2 a run file, 4 data)
     * @return {@code path}
     */
    public static Path regularFile(Path path, String what, int exitCode) {
        if (!Files.isRegularFile(path)) {
            throw new UserError(exitCode, notA(path, what));
        }
        return path;
    }

    /** Refuses {@code path} unless it is a folder; as {@link #regularFile}. */
    public static Path folder(Path path, String what, int exitCode) {
        if (!Files.isDirectory(path)) {
            throw new UserError(exitCode, notA(path, what));
        }
        return path;
    }

    /** "PATH: is a FIFO (named pipe), not a run file", "PATH: run file not found". */
    public static String notA(Path path, String what) {
        return path + ": " + problem(path, what);
    }

    /** {@link #notA} without the path: "is a FIFO (named pipe), not a run file", "run file not found". */
    public static String problem(Path path, String what) {
        String is = describe(path);
        return is.equals("missing") ? what + " not found" : "is " + is + link(path) + ", not a " + what;
    }
}
