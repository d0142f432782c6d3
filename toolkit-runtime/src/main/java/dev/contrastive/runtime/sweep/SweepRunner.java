package dev.contrastive.runtime.sweep;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.SourceLocation;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.config.LocatedYaml;
import dev.contrastive.runtime.config.RunConfig;
import dev.contrastive.runtime.config.RunConfigLoader;
import dev.contrastive.runtime.plugin.PluginCatalog;
import dev.contrastive.runtime.train.EngineThreads;
import dev.contrastive.runtime.train.MetricsLog;
import dev.contrastive.runtime.train.RunAssembly;
import dev.contrastive.runtime.train.RunDirectory;
import dev.contrastive.runtime.train.Trainer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Validates every variant of a sweep up front, then trains them (skipping finished runs,
 * resuming interrupted ones) into {@code <sweep dir>/runs/<variant id>/}, rewriting the results
 * after each run.
 */
public final class SweepRunner {

    private final PluginCatalog catalog;
    private final PrintStream out;
    private final boolean terminal;
    private final String toolkitVersion;
    private java.util.function.Function<SweepFile.Variant, List<String>> childCommand;

    /** A variant with its validated configuration. */
    public record Prepared(SweepFile.Variant variant, RunConfig config, List<String> sets) {
    }

    /**
     * @param catalog the plugins
     * @param out progress and results
     * @param terminal whether {@code out} is an interactive terminal
     * @param toolkitVersion written into each run's config.yaml
     */
    public SweepRunner(PluginCatalog catalog, PrintStream out, boolean terminal, String toolkitVersion) {
        this.catalog = catalog;
        this.out = out;
        this.terminal = terminal;
        this.toolkitVersion = toolkitVersion;
    }

    /**
     * Loads and validates every variant's configuration, plugin sections included.
     *
     * @param threads train.threads for every run, or null to keep the run file's
     * @throws ConfigException naming the sweep file's line of the override at fault
     */
    public List<Prepared> prepare(SweepFile sweep, Integer threads) {
        RunConfigLoader loader = new RunConfigLoader(catalog.objectives(), catalog.policies());
        String baseText;
        try {
            baseText = Files.readString(sweep.base());
        } catch (IOException e) {
            throw new ConfigException(new SourceLocation(sweep.base().toString(), 0, 0), "cannot read: " + e);
        }
        String baseName = sweep.base().toString();
        List<Prepared> prepared = new ArrayList<>();
        for (SweepFile.Variant variant : sweep.variants()) {
            List<String> sets = new ArrayList<>();
            sweep.fixed().forEach((k, v) -> sets.add(k + "=" + v));
            sets.addAll(variant.sets());
            if (threads != null) {
                sets.add("train.threads=" + threads);
            }
            RunConfig config;
            try {
                config = loader.load(textFor(baseText, baseName, variant), baseName, sets);
            } catch (ConfigException e) {
                throw relocate(e, variant, sweep);
            }
            prepared.add(new Prepared(variant, config, sets));
        }
        EngineThreads.start(prepared.get(0).config().train().threads());
        for (Prepared p : prepared) {
            try (NDManager manager = NDManager.newBaseManager()) {
                // binds the plugins' sections too: a bad augment.strong or moco key fails here
                RunAssembly.build(p.config(), catalog.policies(), 1, 28, manager).objective().close();
            } catch (ConfigException e) {
                throw relocate(e, p.variant(), sweep);
            }
        }
        return prepared;
    }

    /**
     * The base run file's text for a variant: when the variant sets {@code objective}, the
     * sections of installed objectives that its chain does not use are left out (a moco baseline
     * over a moco+clsa run file drops {@code clsa:}).
     */
    private String textFor(String baseText, String baseName, SweepFile.Variant variant) {
        String objective = variant.overrides().getOrDefault("objective", null);
        if (objective == null) {
            return baseText;
        }
        JsonNode root = LocatedYaml.parse(baseText, baseName).root();
        if (!root.isObject()) {
            return baseText;
        }
        Set<String> chain = Arrays.stream(objective.split("\\+")).map(String::trim).collect(Collectors.toSet());
        boolean removed = false;
        for (String name : catalog.objectives().keySet()) {
            if (!chain.contains(name) && root.has(name)) {
                ((ObjectNode) root).remove(name);
                removed = true;
            }
        }
        if (!removed) {
            return baseText;
        }
        try {
            return new YAMLMapper().writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An error in an override, reported at the sweep file's line that wrote it. */
    private static ConfigException relocate(ConfigException e, SweepFile.Variant variant, SweepFile sweep) {
        String source = e.location().source();
        if (!source.startsWith("--set ")) {
            return e;
        }
        int eq = source.indexOf('=');
        String key = eq < 0 ? "" : source.substring("--set ".length(), eq).trim();
        SourceLocation at = variant.locations().getOrDefault(key, sweep.fixedLocations().get(key));
        if (at == null) {
            return e;
        }
        String message = e.getMessage().startsWith(e.location() + ": ")
                ? e.getMessage().substring((e.location() + ": ").length()) : e.getMessage();
        return new ConfigException(at, "variant " + variant.id() + ": " + message);
    }

    /**
     * Trains runs in child JVMs when more than one runs at once: DJL's PyTorch engine allows one
     * gradient collector per process, so runs in one JVM cannot train side by side.
     *
     * @param command the command line of a child that trains one variant (exit 0 when it finished)
     */
    public void childProcesses(java.util.function.Function<SweepFile.Variant, List<String>> command) {
        this.childCommand = command;
    }

    /** Prints each variant's id and resolved configuration. */
    public void dryRun(List<Prepared> prepared) {
        YAMLMapper yaml = new YAMLMapper();
        for (Prepared p : prepared) {
            out.println("variant " + p.variant().id());
            try {
                out.print(yaml.writeValueAsString(p.config().resolved()).indent(2));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        out.println(prepared.size() + " variants; nothing trained (--dry-run)");
    }

    /**
     * Trains the sweep into {@code dir}; a failed run is recorded, the others go on.
     *
     * @return each variant's result, in the sweep's order
     */
    public List<RunResult> run(SweepFile sweep, Path dir, List<Prepared> prepared, int parallel) {
        Path runs = dir.resolve("runs");
        try {
            Files.createDirectories(runs);
        } catch (IOException e) {
            throw new UserError(UserError.TRAINING, "cannot create " + runs + ": " + e.getMessage());
        }
        RunResult[] results = new RunResult[prepared.size()];
        for (int i = 0; i < results.length; i++) {
            results[i] = RunResult.pending(prepared.get(i).variant());
        }
        SweepResults report = new SweepResults(sweep, dir);
        Object lock = new Object();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < results.length; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    RunResult result = runOne(sweep, prepared.get(index), runs, parallel);
                    synchronized (lock) {
                        results[index] = result;
                        out.println("sweep: " + result.variant().id() + " " + result.status()
                                + (result.error() == null ? "" : ": " + result.error()));
                        report.write(List.of(results));
                    }
                }));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new UserError(UserError.TRAINING, "sweep interrupted");
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        synchronized (lock) {
            report.write(List.of(results));
        }
        return List.of(results);
    }

    /** Trains one variant in this process, unless it has finished already. */
    public RunResult runOne(SweepFile sweep, Prepared p, Path runs, int parallel) {
        SweepFile.Variant variant = p.variant();
        RunDirectory directory = new RunDirectory(runs.resolve(variant.id()));
        int epochs = p.config().train().epochs();
        Map<String, Object> last = results(directory.metrics());
        if (Files.isRegularFile(directory.encoder()) && last != null
                && ((Number) last.get("epoch")).intValue() >= epochs) {
            return RunResult.of(variant, "done", last, Double.NaN, null, directory.metrics());
        }
        boolean resume = Files.isRegularFile(directory.lastCheckpoint());
        long start = System.nanoTime();
        if (childCommand != null && parallel > 1) {
            return runChild(p, directory, resume, runs.getParent().resolve("logs"), start);
        }
        try {
            out.println((resume ? "sweep: resuming " : "sweep: run ") + directory.root());
            new Trainer(out, terminal && parallel <= 1).train(p.config(), catalog.policies(), () -> {
                try {
                    Files.createDirectories(directory.root().resolve("checkpoints"));
                } catch (IOException e) {
                    throw new UserError(UserError.TRAINING, "cannot create " + directory.root() + ": "
                            + e.getMessage());
                }
                return directory;
            }, resume, resume ? "by contrastive toolkit " + toolkitVersion + " for sweep " + sweep.file()
                    + ", variant " + p.variant().id() : provenance(sweep, p));
            double wall = (System.nanoTime() - start) / 1e9;
            return RunResult.of(variant, "ok", results(directory.metrics()), wall, null, directory.metrics());
        } catch (RuntimeException e) {
            double wall = (System.nanoTime() - start) / 1e9;
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return RunResult.of(variant, "failed", Map.of(), wall, message, directory.metrics());
        }
    }

    private RunResult runChild(Prepared p, RunDirectory directory, boolean resume, Path logs, long start) {
        SweepFile.Variant variant = p.variant();
        String error = null;
        try {
            Files.createDirectories(logs);
            Path log = logs.resolve(variant.id() + ".log");
            out.println((resume ? "sweep: resuming " : "sweep: run ") + directory.root() + " (log " + log + ")");
            Process child = new ProcessBuilder(childCommand.apply(variant)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            // a sweep stopped with Ctrl-C takes its children with it (their checkpoints stay)
            Thread reaper = new Thread(child::destroy);
            Runtime.getRuntime().addShutdownHook(reaper);
            int code;
            try {
                code = child.waitFor();
            } catch (InterruptedException e) {
                child.destroy();
                Thread.currentThread().interrupt();
                throw new UserError(UserError.TRAINING, "interrupted");
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(reaper);
                } catch (IllegalStateException e) {
                    // shutting down: the hook runs
                }
            }
            if (code != 0) {
                List<String> lines = Files.readAllLines(log);
                error = lines.stream().filter(l -> l.startsWith("error: ")).reduce((a, b) -> b)
                        .map(l -> l.substring("error: ".length()))
                        .orElse("exit code " + code + "; see " + log);
            }
        } catch (IOException e) {
            error = "cannot start a child JVM: " + e.getMessage();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        return error == null
                ? RunResult.of(variant, "ok", results(directory.metrics()), wall, null, directory.metrics())
                : RunResult.of(variant, "failed", Map.of(), wall, error, directory.metrics());
    }

    private String provenance(SweepFile sweep, Prepared p) {
        return "Resolved configuration written by contrastive toolkit " + toolkitVersion + "\n"
                + "sweep " + sweep.file() + ", variant " + p.variant().id() + "\n"
                + "from " + sweep.base() + " with --set " + String.join(" --set ", p.sets())
                + "\nplugins: " + catalog.plugins().stream().map(i -> i.id() + " " + i.version())
                        .collect(Collectors.joining(", "));
    }

    /**
     * A run's results: the numbers of its last epoch record, then of its last evaluation of a
     * trained encoder (the linear probe of {@code eval:}); null before its first epoch.
     */
    static Map<String, Object> results(Path metrics) {
        List<JsonNode> records;
        try {
            records = MetricsLog.read(metrics);
        } catch (IOException e) {
            return null;
        }
        JsonNode epoch = MetricsLog.last(records, "epoch");
        if (epoch == null) {
            return null;
        }
        ObjectMapper json = new ObjectMapper();
        @SuppressWarnings("unchecked")
        Map<String, Object> results = json.convertValue(epoch, LinkedHashMap.class);
        records.stream().filter(r -> "eval".equals(r.path("type").asText()))
                .filter(r -> !r.path("checkpoint").asText().equals("init")).reduce((a, b) -> b)
                .ifPresent(eval -> eval.fields().forEachRemaining(field -> {
                    if (field.getValue().isNumber() && !field.getKey().equals("epoch")) {
                        results.put(field.getKey(), field.getValue().numberValue());
                    }
                }));
        return results;
    }

    /** Sum of the {@code epoch_s} of every epoch record (training time of the run, all invocations). */
    static double trainSeconds(Path metrics) {
        Map<Integer, Double> byEpoch = new LinkedHashMap<>();
        try {
            for (JsonNode record : MetricsLog.read(metrics)) {
                if ("epoch".equals(record.path("type").asText())) {
                    byEpoch.put(record.path("epoch").asInt(), record.path("epoch_s").asDouble());
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return byEpoch.isEmpty() ? Double.NaN : byEpoch.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * The outcome of one variant.
     *
     * @param variant the variant
     * @param status ok (trained now), done (finished before), failed, pending
     * @param metrics numeric values of the run's last epoch record
     * @param wallSeconds wall time of this invocation's training, NaN when not trained now
     * @param trainSeconds sum of the run's epoch times
     * @param error the failure's message, or null
     */
    public record RunResult(SweepFile.Variant variant, String status, Map<String, Double> metrics, double wallSeconds,
            double trainSeconds, String error) {

        static RunResult pending(SweepFile.Variant variant) {
            return new RunResult(variant, "pending", Map.of(), Double.NaN, Double.NaN, null);
        }

        static RunResult of(SweepFile.Variant variant, String status, Map<String, Object> record, double wall,
                String error, Path metrics) {
            Map<String, Double> values = new LinkedHashMap<>();
            if (record != null && error == null) {
                record.forEach((k, v) -> {
                    if (v instanceof Number n && !k.equals("epoch")) {
                        values.put(k, n.doubleValue());
                    }
                });
            }
            return new RunResult(variant, status, values, wall, SweepRunner.trainSeconds(metrics), error);
        }

        /** Whether the run has results. */
        public boolean finished() {
            return status.equals("ok") || status.equals("done");
        }
    }
}
