package dev.contrastive.runtime.sweep;

import dev.contrastive.runtime.UserError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Waiting for a JVM that trains runs, taking it along when the sweep is stopped, and reading why a run failed. */
public final class ChildProcesses {

    private static final String ERROR = "error: ";

    private ChildProcesses() {
    }

    /** Destroys a child when this JVM shuts down (Ctrl-C), until closed. */
    public interface Reaper extends AutoCloseable {
        @Override
        void close();
    }

    /** A sweep stopped with Ctrl-C takes {@code child} with it (the runs' checkpoints stay). */
    public static Reaper reapOnExit(Process child) {
        Thread reaper = new Thread(child::destroy);
        Runtime.getRuntime().addShutdownHook(reaper);
        return () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException e) {
                // shutting down: the hook runs
            }
        };
    }

    /** The child's exit code, once it ended. */
    public static int waitFor(Process child) {
        try (Reaper reaper = reapOnExit(child)) {
            return child.waitFor();
        } catch (InterruptedException e) {
            child.destroy();
            Thread.currentThread().interrupt();
            throw new UserError(UserError.TRAINING, "interrupted");
        }
    }

    /** The child's last {@code error:} line in its log, or its exit code. */
    public static String lastError(Path log, int code) throws IOException {
        return Files.readAllLines(log).stream().filter(l -> l.startsWith(ERROR)).reduce((a, b) -> b)
                .map(l -> l.substring(ERROR.length())).orElse("exit code " + code + "; see " + log);
    }
}
