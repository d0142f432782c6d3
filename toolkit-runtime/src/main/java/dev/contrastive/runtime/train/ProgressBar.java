package dev.contrastive.runtime.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * One status line per epoch: redrawn in place on a terminal, printed every few seconds otherwise
 * (logs and CI), with the loss terms, learning rate, throughput and time left.
 */
final class ProgressBar implements TrainingListener {

    private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final int batchSize;
    private long lastPrint;

    ProgressBar(PrintStream out, boolean terminal, int batchSize) {
        this.out = out;
        this.terminal = terminal;
        this.batchSize = batchSize;
    }

    @Override
    public void onStep(Step step) {
        double rate = step.imagesPerSecond();
        update(step.epoch() + 1, step.epochs(), step.step() + 1, step.stepsPerEpoch(), step.values(), step.lr(),
                rate, (step.total() - step.done()) * batchSize / rate);
    }

    private void update(int epoch, int epochs, int step, int steps, Map<String, Double> values, double lr,
            double imagesPerSecond, double secondsLeft) {
        long now = System.nanoTime();
        boolean last = step == steps;
        if (!terminal && !last && now - lastPrint < LOG_INTERVAL_NANOS) {
            return;
        }
        lastPrint = now;
        int filled = steps == 0 ? 0 : 20 * step / steps;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d [%s%s] %d/%d",
                epoch, epochs, "#".repeat(filled), ".".repeat(20 - filled), step, steps));
        values.forEach((name, value) -> line.append(String.format(Locale.ROOT, " %s %.4f", name, value)));
        line.append(String.format(Locale.ROOT, " lr %.4f %.0f img/s eta %s", lr, imagesPerSecond,
                duration(secondsLeft)));
        if (terminal) {
            out.print("\r" + line + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
