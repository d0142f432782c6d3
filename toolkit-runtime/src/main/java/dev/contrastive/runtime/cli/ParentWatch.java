package dev.contrastive.runtime.cli;

import dev.contrastive.runtime.UserError;

import java.io.IOException;

/**
 * Ends a JVM that trains a run for another one (the child of {@code --parallel} or of a Spark
 * task) when that parent dies, SIGKILL included, which no shutdown hook sees: the parent holds the
 * write end of the child's standard input, so reading it ends when the parent is gone. Otherwise
 * the orphan would train on into the run folder beside the run's retry.
 */
final class ParentWatch {

    private ParentWatch() {
    }

    /** Watches this JVM's parent from a daemon thread. */
    static void exitWhenGone() {
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        if (parent == null) {
            return;
        }
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is sent; wait for the end
                }
            } catch (IOException e) {
                // a closed input ends it as well
            }
            // an input that was never open (/dev/null) ends at once: then only the parent's exit counts
            parent.onExit().join();
            // like SIGKILL, which a run survives: its last checkpoint stays, the retry resumes from it
            Runtime.getRuntime().halt(UserError.TRAINING);
        }, "parent-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
