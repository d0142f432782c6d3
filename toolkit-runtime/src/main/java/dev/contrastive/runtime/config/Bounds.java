package dev.contrastive.runtime.config;

import java.util.Locale;

/**
 * The ranges of the settings that scale memory, threads or time, checked when a section is bound
 * so that a run never starts what it cannot finish. Each message starts with the key, as
 * {@link TreeSection} expects, and gives the allowed range.
 */
final class Bounds {

    /** Threads (engine and loader) allowed per available processor. */
    static final int THREADS_PER_PROCESSOR = 4;

    private Bounds() {
    }

    /** At most this many threads: {@value #THREADS_PER_PROCESSOR} per processor of this machine. */
    static int maxThreads() {
        return THREADS_PER_PROCESSOR * Runtime.getRuntime().availableProcessors();
    }

    /** Checks {@code min <= value <= max}. */
    static int check(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be in " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    /** Checks a thread count against {@link #maxThreads()}. */
    static int threads(String key, int value) {
        int max = maxThreads();
        if (value < 1 || value > max) {
            throw new IllegalArgumentException(key + " must be in 1.." + max + " (at most "
                    + THREADS_PER_PROCESSOR + " per available processor, " + Runtime.getRuntime().availableProcessors()
                    + " here), got " + value);
        }
        return value;
    }

    /** Checks a finite {@code min < value <= max} (or {@code min <= value} when {@code closed}). */
    static double check(String key, double value, double min, boolean closed, double max) {
        boolean low = closed ? value >= min : value > min;
        if (!(low && value <= max)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be in %s%s, %s], got %s", key,
                    closed ? "[" : "(", number(min), number(max), number(value)));
        }
        return value;
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }
}
