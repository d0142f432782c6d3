package dev.contrastive.runtime.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a sweep's runs train: in this JVM, in child JVMs on this machine, or on a cluster. The
 * sweep file, the variants, the run folders, the skip and resume rules and the results are the
 * same whichever trains them: {@link SweepRunner} skips the finished runs and hands the others
 * here; each is resumed from its last checkpoint when it has one.
 */
public interface SweepExecutor {

    /** How the runs train, for the sweep's first line (e.g. "2 at once with 1 threads each"); empty to say nothing. */
    String describe();

    /**
     * Trains every variant of {@code pending} into {@code dir/runs/<variant id>/}.
     *
     * @param report told of each variant's outcome as it comes, one call at a time
     * @throws dev.contrastive.runtime.UserError when the executor itself fails (not a run)
     */
    void run(List<PreparedVariant> pending, Path dir, Consumer<RunOutcome> report);
}
