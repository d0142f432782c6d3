package dev.contrastive.runtime.cli;

import com.google.inject.Inject;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.SourceLocation;
import dev.contrastive.runtime.plugin.PluginCatalog;
import dev.contrastive.runtime.sweep.SweepFile;
import dev.contrastive.runtime.sweep.SweepRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code toolkit sweep SWEEPFILE}: trains every variant of a sweep and tabulates the results. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a sweep: the product of the sweep file's axes (and its explicit variants) over a base "
                + "run file, each an ordinary run in <sweep dir>/runs/<variant>/; writes results.csv, results.md "
                + "(mean ± std over seeds, difference to the baseline) and results.png. Running it again skips "
                + "finished runs, resumes interrupted ones and reruns failed ones.")
final class SweepCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SWEEPFILE", description = "YAML sweep file.")
    private Path sweepFile;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
            description = "Runs at once (default ${DEFAULT-VALUE}); each gets max(1, cores / N) PyTorch threads.")
    private int parallel;

    @Option(names = "--dry-run", description = "Print each variant and its resolved config; train nothing.")
    private boolean dryRun;

    @Option(names = "--out", paramLabel = "DIR", description = "The sweep folder (default: sweeps/<name>).")
    private Path out;

    @Option(names = "--only", paramLabel = "VARIANT", hidden = true,
            description = "Train only this variant in this process, write no results (the child of --parallel).")
    private String only;

    @Mixin
    private PluginOptions plugins;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    private final Toolkit toolkit;

    @Inject
    SweepCommand(Toolkit toolkit) {
        this.toolkit = toolkit;
    }

    @Override
    public Integer call() {
        OptionRange.check("--parallel", parallel, 1, Runtime.getRuntime().availableProcessors());
        SweepFile sweep = SweepFile.load(sweepFile);
        Integer threads = parallel > 1 ? Math.max(1, Runtime.getRuntime().availableProcessors() / parallel) : null;
        try (PluginCatalog catalog = plugins.open()) {
            SweepRunner runner = new SweepRunner(catalog, toolkit.out(), toolkit.terminal(), toolkit.version());
            List<SweepRunner.Prepared> prepared = runner.prepare(sweep, threads);
            if (dryRun) {
                runner.dryRun(prepared);
                return 0;
            }
            Path dir = out != null ? out : Path.of("sweeps", sweep.name());
            if (only != null) {
                SweepRunner.Prepared one = prepared.stream().filter(p -> p.variant().id().equals(only)).findFirst()
                        .orElseThrow(() -> new ConfigException(new SourceLocation("--only", 0, 0),
                                "no variant " + only));
                SweepRunner.RunResult result = runner.runOne(sweep, one, dir.resolve("runs"), 1);
                if (result.status().equals("failed")) {
                    throw new dev.contrastive.runtime.UserError(dev.contrastive.runtime.UserError.TRAINING,
                            result.error());
                }
                return 0;
            }
            if (parallel > 1) {
                List<Path> extra = spec.commandLine().getParseResult().matchedOptionValue("--plugins", List.of());
                runner.childProcesses(variant -> child(variant, dir, extra));
            }
            toolkit.out().println("sweep " + sweep.name() + ": " + prepared.size() + " runs into " + dir
                    + (parallel > 1 ? ", " + parallel + " at once with " + threads + " threads each" : ""));
            List<SweepRunner.RunResult> results = runner.run(sweep, dir, prepared, parallel);
            long failed = results.stream().filter(r -> r.status().equals("failed")).count();
            toolkit.out().println("sweep " + sweep.name() + ": " + (results.size() - failed) + " finished, " + failed
                    + " failed; results in " + dir.resolve("results.md"));
            return failed > 0 ? dev.contrastive.runtime.UserError.TRAINING : 0;
        }
    }

    /** {@code java ... Main sweep FILE --only ID}: one variant in a JVM of its own. */
    private List<String> child(dev.contrastive.runtime.sweep.SweepFile.Variant variant, Path dir, List<Path> extra) {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String key : System.getProperties().stringPropertyNames()) {
            if ((key.startsWith("ai.djl.") && !key.startsWith("ai.djl.pytorch.num_")) || key.equals("java.awt.headless")) {
                command.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        command.add("-Dtoolkit.home=" + toolkit.home().toAbsolutePath());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of("sweep", sweepFile.toAbsolutePath().toString(), "--out", dir.toAbsolutePath().toString(),
                "--parallel", Integer.toString(parallel), "--only", variant.id()));
        for (Path p : extra) {
            command.addAll(List.of("--plugins", p.toAbsolutePath().toString()));
        }
        return command;
    }
}
