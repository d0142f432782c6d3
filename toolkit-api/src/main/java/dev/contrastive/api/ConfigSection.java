package dev.contrastive.api;

/**
 * A plugin's section of the run file (for example {@code moco:} or {@code augment.strong:}),
 * handed over with its source locations so the plugin's own errors point at the right line.
 */
public interface ConfigSection {

    /** Dotted path of the section in the run file, e.g. {@code moco}. */
    String path();

    /**
     * Binds the section to a record. Unknown keys, wrong types and values rejected by the record's
     * constructor (throw {@link IllegalArgumentException} there with a message that says what is
     * allowed) become a {@link ConfigException} naming file, line and column. Absent keys are
     * passed as {@code null}, so a compact constructor can fill in defaults. The bound value is
     * what the runtime writes into the run's resolved {@code config.yaml}.
     *
     * @param type a record type with boxed component types
     * @param <T> the record
     * @return the bound, validated record
     * @throws ConfigException on any error in the section
     */
    <T> T bind(Class<T> type);

    /** Where {@code key} of this section is written (the section itself when absent). */
    SourceLocation location(String key);

    /** An error about {@code key} of this section, ready to throw. */
    default ConfigException error(String key, String message) {
        return new ConfigException(location(key), path() + "." + key + ": " + message);
    }
}
