package ${package};

/**
 * The run file's {@code ${objectiveName}:} section. Absent keys arrive as {@code null}; the compact
 * constructor fills defaults and refuses what cannot work, with a message that starts with the
 * key's name, so the toolkit points at the key's line.
 *
 * @param uniformity weight of the uniformity term against alignment, at least 0
 */
public record MyConfig(Double uniformity) {

    /** Fills the default and validates. */
    public MyConfig {
        uniformity = uniformity == null ? 1.0 : uniformity;
        if (!(uniformity >= 0 && Double.isFinite(uniformity))) {
            throw new IllegalArgumentException("uniformity must be a finite number >= 0, got " + uniformity);
        }
    }
}
