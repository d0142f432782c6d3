package dev.contrastive.runtime.sweep.spark;

import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.run.RunDirectory;
import dev.contrastive.runtime.sweep.ChildProcesses;
import dev.contrastive.runtime.sweep.PreparedVariant;
import dev.contrastive.runtime.sweep.RunOutcome;
import dev.contrastive.runtime.sweep.SweepExecutor;
import dev.contrastive.runtime.sweep.SweepFile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Trains the runs on Apache Spark, one task per pending variant. Spark is not on the toolkit's
 * class path: the driver runs in a JVM of its own from {@code dist/spark/lib/} (module
 * toolkit-spark), is handed the job as files ({@link SparkJobFolder}) and reports each task on
 * its standard output ({@link DriverEvent}); its log goes to {@code <sweep>/logs/spark-driver.log}.
 * Each task starts the toolkit's JVM for its variant on a worker, which writes the run into the
 * sweep folder: that folder must be one every worker sees.
 */
public final class SparkExecutor implements SweepExecutor {

    private final SparkSettings settings;
    private final SweepFile sweep;
    private final List<Path> pluginDirs;
    private final PrintStream out;

    /**
     * @param pluginDirs the folders of {@code --plugins}, shipped with the job
     * @param out progress
     * @throws UserError when the Spark engine is not installed
     */
    public SparkExecutor(SparkSettings settings, SweepFile sweep, List<Path> pluginDirs, PrintStream out) {
        if (!Files.isRegularFile(settings.driverJar())) {
            throw new UserError(UserError.USAGE, "--engine spark: the Spark engine is not installed (no "
                    + settings.driverJar() + "); mvn install at the toolkit's root builds it into "
                    + settings.driverJar().getParent());
        }
        this.settings = settings;
        this.sweep = sweep;
        this.pluginDirs = pluginDirs;
        this.out = out;
    }

    @Override
    public String describe() {
        return "on Spark at " + settings.master();
    }

    @Override
    public void run(List<PreparedVariant> pending, Path dir, Consumer<RunOutcome> report) {
        Map<String, SweepFile.Variant> variants = new LinkedHashMap<>();
        pending.forEach(p -> variants.put(p.variant().id(), p.variant()));
        Path visible = dir.resolve(".spark-" + UUID.randomUUID());
        Path job = null;
        try {
            Path log = Files.createDirectories(dir.resolve("logs")).resolve("spark-driver.log");
            Files.writeString(visible, "written by the toolkit's Spark driver; every worker must see it\n");
            job = Files.createTempDirectory("toolkit-spark-");
            Path jobFile = SparkJobFolder.write(job, settings, sweep, pluginDirs, dir, visible, pending);
            Process driver = driver(settings, jobFile).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            String aborted;
            int code;
            try (ChildProcesses.Reaper reaper = ChildProcesses.reapOnExit(driver)) {
                aborted = follow(driver, dir, variants, report);
                code = ChildProcesses.waitFor(driver);
            }
            if (aborted != null || code != 0 || !variants.isEmpty()) {
                throw new UserError(UserError.TRAINING, "Spark: " + (aborted != null ? aborted
                        : "the driver stopped with exit code " + code) + "; see " + log);
            }
        } catch (IOException e) {
            throw new UserError(UserError.TRAINING, "cannot start the Spark driver: " + e.getMessage());
        } finally {
            if (job != null) {
                SparkJobFolder.delete(job);
            }
            try {
                Files.deleteIfExists(visible);
            } catch (IOException e) {
                // left behind: harmless
            }
        }
    }

    /**
     * The driver's JVM: {@code java -jar toolkit-spark.jar JOB_FILE}, nothing else on its command
     * line (the secret, if any, reaches it as a path in the job file).
     */
    static ProcessBuilder driver(SparkSettings settings, Path jobFile) {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", settings.driverJar().toString(), jobFile.toString());
        if (settings.master().startsWith("local")) {
            // nothing outside this machine takes part: Spark binds its driver and its UI to loopback
            builder.environment().putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
        }
        return builder;
    }

    /**
     * Reads the driver's events until it ends, reporting each variant's outcome (and removing it
     * from {@code variants}).
     *
     * @return the message of an aborted job, or null
     */
    private String follow(Process driver, Path dir, Map<String, SweepFile.Variant> variants,
            Consumer<RunOutcome> report) throws IOException {
        String aborted = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(driver.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                DriverEvent event = DriverEvent.parse(line);
                if (event == null) {
                    continue;
                }
                switch (event.name()) {
                    case DriverEvent.STARTED -> started(event, dir, variants);
                    case DriverEvent.LOST -> out.println("sweep: " + event.field(0) + " lost on " + event.field(1)
                            + " (" + event.field(3) + "); Spark retries it");
                    case DriverEvent.FINISHED -> {
                        SweepFile.Variant variant = variants.remove(event.field(0));
                        if (variant != null) {
                            report.accept(outcome(event, variant, dir));
                        }
                    }
                    default -> aborted = event.field(0);
                }
            }
        }
        return aborted;
    }

    private void started(DriverEvent event, Path dir, Map<String, SweepFile.Variant> variants) {
        String id = event.field(0);
        if (!variants.containsKey(id)) {
            return; // reported after its end: Spark's listener events come late at times
        }
        RunDirectory run = new RunDirectory(dir.resolve("runs").resolve(id));
        int attempt = Integer.parseInt(event.field(2));
        out.println((Files.isRegularFile(run.lastCheckpoint()) ? "sweep: resuming " : "sweep: run ") + run.root()
                + " on " + event.field(1) + (attempt > 1 ? ", attempt " + attempt : "") + " (log "
                + dir.resolve("logs").resolve(id + ".log") + ")");
    }

    private static RunOutcome outcome(DriverEvent event, SweepFile.Variant variant, Path dir) throws IOException {
        int code = Integer.parseInt(event.field(2));
        double wall = Double.parseDouble(event.field(3));
        String problem = event.field(4);
        if (!problem.isEmpty()) {
            return RunOutcome.failed(variant, wall, problem);
        }
        return code == 0 ? RunOutcome.ok(variant, wall)
                : RunOutcome.failed(variant, wall, ChildProcesses.lastError(
                        dir.resolve("logs").resolve(variant.id() + ".log"), code));
    }
}
