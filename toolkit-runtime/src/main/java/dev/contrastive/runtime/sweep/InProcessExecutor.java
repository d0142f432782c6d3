package dev.contrastive.runtime.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Trains the runs one after the other in this JVM. */
public final class InProcessExecutor implements SweepExecutor {

    private final VariantTraining training;

    /** @param training trains each variant */
    public InProcessExecutor(VariantTraining training) {
        this.training = training;
    }

    @Override
    public String describe() {
        return "";
    }

    @Override
    public void run(List<PreparedVariant> pending, Path dir, Consumer<RunOutcome> report) {
        for (PreparedVariant p : pending) {
            report.accept(training.train(p, dir.resolve("runs")));
        }
    }
}
