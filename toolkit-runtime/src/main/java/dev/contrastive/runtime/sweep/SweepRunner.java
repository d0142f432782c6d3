package dev.contrastive.runtime.sweep;

import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.run.RunDirectory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a sweep into {@code <sweep dir>/runs/<variant id>/}: skips the finished runs, hands the
 * others to an executor, and rewrites the results after each run. A failed run is recorded; the
 * others go on.
 */
public final class SweepRunner {

    private final PrintStream out;

    /** @param out a line per run as it ends */
    public SweepRunner(PrintStream out) {
        this.out = out;
    }

    /**
     * Trains what the sweep still needs.
     *
     * @param prepared every variant, validated
     * @return each variant's result, in the sweep's order
     */
    public List<RunResult> run(SweepFile sweep, Path dir, List<PreparedVariant> prepared, SweepExecutor executor) {
        Path runs = dir.resolve("runs");
        try {
            Files.createDirectories(runs);
        } catch (IOException e) {
            throw new UserError(UserError.TRAINING, "cannot create " + runs + ": " + e.getMessage());
        }
        List<SweepFile.Variant> variants = prepared.stream().map(PreparedVariant::variant).toList();
        RunResult[] results = variants.stream().map(RunResult::pending).toArray(RunResult[]::new);
        SweepResults report = new SweepResults(sweep, dir);
        List<PreparedVariant> pending = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            PreparedVariant p = prepared.get(i);
            RunMetrics metrics = RunMetrics.of(new RunDirectory(runs.resolve(p.variant().id())));
            if (metrics.finished(p.config().train().epochs())) {
                results[i] = record(RunResult.of(RunOutcome.done(p.variant()), metrics));
            } else {
                pending.add(p);
            }
        }
        report.write(List.of(results));
        if (!pending.isEmpty()) {
            executor.run(pending, dir, outcome -> {
                RunMetrics metrics = RunMetrics.of(new RunDirectory(runs.resolve(outcome.variant().id())));
                results[variants.indexOf(outcome.variant())] = record(RunResult.of(outcome, metrics));
                report.write(List.of(results));
            });
        }
        return List.of(results);
    }

    /**
     * Rebuilds the results from the run folders' logs alone, training nothing: for a folder of
     * kept {@code config.yaml} and {@code metrics.jsonl} files (no checkpoints, no encoders),
     * such as the committed results of a long sweep. A run whose log records every epoch counts
     * as finished; any other is pending.
     */
    public List<RunResult> report(SweepFile sweep, Path dir, List<PreparedVariant> prepared) {
        List<RunResult> results = new ArrayList<>();
        for (PreparedVariant p : prepared) {
            RunMetrics metrics = RunMetrics.of(new RunDirectory(dir.resolve("runs").resolve(p.variant().id())));
            results.add(metrics.trained(p.config().train().epochs())
                    ? RunResult.of(RunOutcome.done(p.variant()), metrics) : RunResult.pending(p.variant()));
        }
        new SweepResults(sweep, dir).write(results);
        return results;
    }

    private RunResult record(RunResult result) {
        out.println("sweep: " + result.variant().id() + " " + result.status()
                + (result.error() == null ? "" : ": " + result.error()));
        return result;
    }
}
