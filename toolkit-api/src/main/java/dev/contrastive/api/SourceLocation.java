package dev.contrastive.api;

/**
 * Where a configuration value came from: a run file with its line and column (1-based), or a
 * command-line override such as {@code --set train.epochs=5} (line and column 0).
 *
 * @param source a file path or a description of the override
 * @param line 1-based line, 0 when not from a file
 * @param column 1-based column, 0 when not from a file
 */
public record SourceLocation(String source, int line, int column) {

    /** {@code file:line:column}, or the source alone when it has no line. */
    @Override
    public String toString() {
        return line > 0 ? source + ":" + line + ":" + column : source;
    }
}
