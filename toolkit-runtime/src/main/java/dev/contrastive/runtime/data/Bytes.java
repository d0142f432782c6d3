package dev.contrastive.runtime.data;

import java.util.Locale;

/** Byte counts as people read them: {@code 512 B}, {@code 5.1 kB}, {@code 26.4 MB}, {@code 2.64 GB}. */
public final class Bytes {

    private Bytes() {
    }

    /** Decimal units, as download tools and file managers show them. */
    public static String format(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        return bytes < 1_000_000 ? String.format(Locale.ROOT, "%.1f kB", bytes / 1e3)
                : bytes < 1_000_000_000 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1e6)
                : String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
    }
}
