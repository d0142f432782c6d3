package dev.contrastive.runtime.io;

import dev.contrastive.runtime.UserError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A write that the file system refused (a full disk, a quota, a read-only or vanished folder)
 * as one message naming the file, exit code 5: what the run folder still holds is untouched, so
 * the command can be repeated once the cause is gone.
 */
public final class WriteFailure {

    private WriteFailure() {
    }

    /** The refusal as a user reads it: "No space left on device", "permission denied", ... */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return String.valueOf(e.getMessage());
    }

    /**
     * The file a failed write was for: the file the exception names (the target of a temporary
     * file of {@link AtomicFiles}), else {@code fallback}.
     */
    public static Path fileOf(IOException e, Path fallback) {
        if (!(e instanceof FileSystemException fs) || fs.getFile() == null) {
            return fallback;
        }
        Path file = Path.of(fs.getFile());
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        return name.endsWith(".tmp") ? file.resolveSibling(name.substring(0, name.length() - 4)) : file;
    }

    /** "cannot write FILE: REASON" as exit code 5. */
    public static UserError of(Path file, IOException e) {
        return new UserError(UserError.TRAINING, "cannot write " + file + ": " + reason(e)
                + "; what was written before is intact: free the space (or fix the folder) and run the command again"
                + " (a run: toolkit run --resume RUN_DIR)");
    }

    /**
     * The write failure behind an exception that reached the command line unexplained: a
     * file-system refusal anywhere in its causes, as {@link #of}; empty for anything else.
     */
    public static Optional<UserError> find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            IOException io = t instanceof UncheckedIOException unchecked ? unchecked.getCause()
                    : t instanceof IOException checked ? checked : null;
            if (io instanceof FileSystemException fs && fs.getFile() != null) {
                return Optional.of(of(fileOf(fs, null), fs));
            }
            if (io != null && String.valueOf(io.getMessage()).contains("No space left on device")) {
                return Optional.of(new UserError(UserError.TRAINING, "cannot write: No space left on device; "
                        + "what was written before is intact: free the space and run the command again"));
            }
        }
        return Optional.empty();
    }
}
