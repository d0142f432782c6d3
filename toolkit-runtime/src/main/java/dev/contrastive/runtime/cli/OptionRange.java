package dev.contrastive.runtime.cli;

import dev.contrastive.api.ConfigException;
import dev.contrastive.api.SourceLocation;

/** Ranges of the numeric command-line options: a value outside is a usage error naming the option. */
final class OptionRange {

    private OptionRange() {
    }

    /**
     * Checks {@code min <= value <= max}.
     *
     * @param option the option as written, e.g. {@code --zoom}
     * @throws ConfigException (exit code 2) naming the option, its value and the allowed range
     */
    static int check(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException(new SourceLocation(option + " " + value, 0, 0),
                    "must be in " + min + ".." + max);
        }
        return value;
    }
}
