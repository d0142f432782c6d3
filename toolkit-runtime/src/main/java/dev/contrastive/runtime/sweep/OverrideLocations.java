package dev.contrastive.runtime.sweep;

import dev.contrastive.api.ConfigException;
import dev.contrastive.api.SourceLocation;

/**
 * Maps an error in a variant's configuration back to the sweep file: the run config loader names
 * the {@code --set key=value} at fault, the user wrote that override on a line of the sweep file.
 */
final class OverrideLocations {

    private static final String SET = "--set ";

    private OverrideLocations() {
    }

    /** {@code e} at the sweep file's line that wrote its override, or {@code e} itself when no override is at fault. */
    static ConfigException relocate(ConfigException e, SweepFile.Variant variant, SweepFile sweep) {
        String source = e.location().source();
        if (!source.startsWith(SET)) {
            return e;
        }
        int eq = source.indexOf('=');
        String key = eq < 0 ? "" : source.substring(SET.length(), eq).trim();
        SourceLocation at = variant.locations().getOrDefault(key, sweep.fixedLocations().get(key));
        if (at == null) {
            return e;
        }
        String prefix = e.location() + ": ";
        String message = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
        return new ConfigException(at, "variant " + variant.id() + ": " + message);
    }
}
