package dev.contrastive.runtime.sweep;

import java.util.Locale;

/** Where a variant's run stands, as {@code results.csv} and the progress lines name it. */
public enum RunStatus {
    /** Trained by this invocation. */
    OK,
    /** Finished by an earlier invocation; skipped. */
    DONE,
    /** Failed; the error says why. */
    FAILED,
    /** Not trained yet. */
    PENDING;

    /** Whether the run has results. */
    public boolean finished() {
        return this == OK || this == DONE;
    }

    /** The lower-case name written in results and progress lines. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
