package dev.contrastive.spark;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The driver's report to the toolkit that started it, on its standard output: one line per
 * event, fields separated by tabs (read by the toolkit's {@code DriverEvents}):
 * {@code started VARIANT HOST ATTEMPT}, {@code lost VARIANT HOST ATTEMPT REASON} (Spark retries it),
 * {@code finished VARIANT HOST EXIT_CODE WALL_SECONDS PROBLEM} and {@code aborted MESSAGE}.
 */
final class DriverEvents {

    private final PrintStream out;

    DriverEvents(PrintStream out) {
        this.out = out;
    }

    void started(String variant, String host, int attempt) {
        line("started", variant, host, Integer.toString(attempt));
    }

    void lost(String variant, String host, int attempt, String reason) {
        line("lost", variant, host, Integer.toString(attempt), reason);
    }

    void finished(TaskOutcome outcome) {
        line("finished", outcome.variant(), outcome.host(), Integer.toString(outcome.exitCode()),
                String.format(Locale.ROOT, "%.3f", outcome.wallSeconds()),
                outcome.problem() == null ? "" : outcome.problem());
    }

    void aborted(String message) {
        line("aborted", message);
    }

    private synchronized void line(String... fields) {
        StringBuilder line = new StringBuilder();
        for (String field : fields) {
            if (line.length() > 0) {
                line.append('\t');
            }
            line.append(field.replaceAll("[\\t\\r\\n]+", " "));
        }
        out.println(line);
        out.flush();
    }
}
