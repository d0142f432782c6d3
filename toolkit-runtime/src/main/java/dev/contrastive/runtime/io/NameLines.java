package dev.contrastive.runtime.io;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Names written one a line (the names file of {@code embed}, file names in messages): every name
 * is escaped so that it stays on its line whatever it holds, and rows and names always line up.
 * A backslash becomes {@code \\}, a line feed {@code \n}, a carriage return {@code \r}, a tab
 * {@code \t}, any other control character or Unicode line or paragraph separator <code>&#92;uXXXX</code>;
 * every other character, any script's letters included, is written as it is. A name without
 * those characters is written unchanged.
 */
public final class NameLines {

    private NameLines() {
    }

    /** {@code name} escaped to one line. */
    public static String escape(String name) {
        StringBuilder line = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        return line.toString();
    }

    /** Every name escaped, one a line, each line ended, as UTF-8. */
    public static byte[] of(List<String> names) {
        StringBuilder text = new StringBuilder();
        for (String name : names) {
            text.append(escape(name)).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
