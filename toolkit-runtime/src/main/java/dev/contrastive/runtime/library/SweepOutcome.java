package dev.contrastive.runtime.library;

import dev.contrastive.runtime.sweep.RunResult;
import dev.contrastive.runtime.sweep.RunStatus;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link ContrastiveToolkit#sweep} left in its sweep folder.
 *
 * @param folder the sweep folder: runs/&lt;variant id&gt;/, results.csv, results.md, results.png
 * @param runs every variant's result, in the sweep's order
 */
public record SweepOutcome(Path folder, List<RunResult> runs) {

    /** A copy whose list cannot be changed. */
    public SweepOutcome {
        runs = List.copyOf(runs);
    }

    /** How many runs failed (the others finished, now or before). */
    public long failed() {
        return runs.stream().filter(r -> r.status() == RunStatus.FAILED).count();
    }

    /** The summary table, {@code results.md}. */
    public Path resultsTable() {
        return folder.resolve("results.md");
    }
}
