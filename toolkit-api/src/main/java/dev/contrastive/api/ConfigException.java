package dev.contrastive.api;

/**
 * A user's configuration error: the message names where the bad value is, what is wrong, and
 * what is allowed. The runtime prints it without a stack trace and exits with code 2.
 */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final SourceLocation location;

    /**
     * @param location where the offending value is written
     * @param message what is wrong and what is allowed
     */
    public ConfigException(SourceLocation location, String message) {
        super(location + ": " + message);
        this.location = location;
    }

    /** Where the offending value is written. */
    public SourceLocation location() {
        return location;
    }
}
