package dev.contrastive.runtime.sweep;

import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.run.RunDirectory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** Trains N runs at once on this machine, each in a child JVM logging to {@code <sweep>/logs/<variant>.log}. */
public final class ChildJvmExecutor implements SweepExecutor {

    private final int parallel;
    private final Integer threads;
    private final ChildCommand command;
    private final PrintStream out;

    /**
     * @param parallel runs at once
     * @param threads PyTorch threads of each run, or null for each run's own {@code train.threads}
     * @param command the children's command line
     * @param out progress
     */
    public ChildJvmExecutor(int parallel, Integer threads, ChildCommand command, PrintStream out) {
        this.parallel = parallel;
        this.threads = threads;
        this.command = command;
        this.out = out;
    }

    @Override
    public String describe() {
        return parallel + " at once" + (threads != null ? " with " + threads + " threads each"
                : ", each in a JVM of its own with its train.threads");
    }

    @Override
    public void run(List<PreparedVariant> pending, Path dir, Consumer<RunOutcome> report) {
        Object lock = new Object();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (PreparedVariant p : pending) {
                futures.add(pool.submit(() -> {
                    RunOutcome outcome = train(p.variant(), dir);
                    synchronized (lock) {
                        report.accept(outcome);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError(UserError.TRAINING, "sweep interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private RunOutcome train(SweepFile.Variant variant, Path dir) {
        RunDirectory directory = new RunDirectory(dir.resolve("runs").resolve(variant.id()));
        boolean resume = Files.isRegularFile(directory.lastCheckpoint());
        long start = System.nanoTime();
        String error;
        try {
            Path logs = Files.createDirectories(dir.resolve("logs"));
            Path log = logs.resolve(variant.id() + ".log");
            out.println((resume ? "sweep: resuming " : "sweep: run ") + directory.root() + " (log " + log + ")");
            Process child = new ProcessBuilder(command.train(variant.id(), threads == null ? null : threads.toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            int code = ChildProcesses.waitFor(child);
            error = code == 0 ? null : ChildProcesses.lastError(log, code);
        } catch (IOException e) {
            error = "cannot start a child JVM: " + e.getMessage();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        return error == null ? RunOutcome.ok(variant, wall) : RunOutcome.failed(variant, wall, error);
    }
}
