package dev.contrastive.runtime;

/**
 * A problem the user can fix (missing data, a bad plugin JAR, a diverging run): printed as one
 * message without a stack trace, and the process exits with {@link #exitCode()}.
 */
public class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Exit code of a bad run file or command line. */
    public static final int USAGE = 2;
    /** Exit code of plugin problems. */
    public static final int PLUGIN = 3;
    /** Exit code of missing or corrupt data. */
    public static final int DATA = 4;
    /** Exit code of a run that failed while training (NaN loss, unusable run directory). */
    public static final int TRAINING = 5;

    private final int exitCode;

    /**
     * @param exitCode process exit code
     * @param message what went wrong and what to do
     */
    public UserError(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The process exit code for this error. */
    public int exitCode() {
        return exitCode;
    }
}
