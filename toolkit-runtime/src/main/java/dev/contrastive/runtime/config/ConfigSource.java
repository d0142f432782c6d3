package dev.contrastive.runtime.config;

import dev.contrastive.api.SourceLocation;

import java.util.Map;

/**
 * Where each value of a run's configuration tree was written, keyed by JSON pointer
 * ({@code /moco/queue}); values set on the command line carry their {@code --set} text.
 */
public final class ConfigSource {

    private final String file;
    private final Map<String, SourceLocation> locations;

    ConfigSource(String file, Map<String, SourceLocation> locations) {
        this.file = file;
        this.locations = locations;
    }

    /** The run file's path as the user gave it. */
    public String file() {
        return file;
    }

    /** The location of {@code pointer}, or of its nearest written ancestor. */
    public SourceLocation locate(String pointer) {
        String p = pointer;
        while (!p.isEmpty()) {
            SourceLocation at = locations.get(p);
            if (at != null) {
                return at;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
        return new SourceLocation(file, 1, 1);
    }

    void record(String pointer, SourceLocation location) {
        locations.put(pointer, location);
    }
}
