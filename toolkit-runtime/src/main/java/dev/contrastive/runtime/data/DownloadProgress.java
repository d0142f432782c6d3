package dev.contrastive.runtime.data;

import java.io.PrintStream;

/**
 * The progress line of one download, bytes received of the total: redrawn in place on a
 * terminal, otherwise one line per quarter done (logs), and the final state once.
 */
final class DownloadProgress {

    private final PrintStream out;
    private final boolean terminal;
    private final String label;
    private int quartersShown;
    private String shown = "";

    DownloadProgress(PrintStream out, boolean terminal, String label) {
        this.out = out;
        this.terminal = terminal;
        this.label = label;
    }

    /** Shows {@code received} of {@code total} bytes; {@code total} is -1 when the server did not say. */
    void update(long received, long total) {
        if (terminal) {
            out.print(redraw(received, total));
            out.flush();
        } else if (total > 0 && 4 * received / total > quartersShown) {
            quartersShown = (int) (4 * received / total);
            shown = line(received, total);
            out.println(shown);
        }
    }

    /**
     * The final state, finished or not (how far a failed download got); on a terminal it ends the
     * line, so an error message starts on a line of its own.
     */
    void end(long received, long total) {
        if (terminal) {
            out.println(redraw(received, total));
        } else if (received > 0 && !line(received, total).equals(shown)) {
            out.println(line(received, total));
        }
    }

    private String line(long received, long total) {
        return label + ": " + Bytes.format(received) + (total >= 0 ? " / " + Bytes.format(total) : "");
    }

    /** Back to the line's start; padded, so a shorter line ("1.0 MB" after "999.9 kB") covers the last. */
    private String redraw(long received, long total) {
        return String.format("\r%-72s", line(received, total));
    }
}
