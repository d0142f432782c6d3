package dev.contrastive.runtime.cli;

import com.google.inject.Inject;
import dev.contrastive.runtime.config.RunConfig;
import dev.contrastive.runtime.config.RunConfigLoader;
import dev.contrastive.runtime.plugin.PluginCatalog;
import dev.contrastive.runtime.train.LoaderBenchmark;
import dev.contrastive.runtime.train.StepBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code toolkit bench RUNFILE}: training-step throughput of a run file's objective chain, or of its loader. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time training steps of a run file after a warm-up; prints images/s and ms/step.")
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUNFILE", description = "YAML run file.")
    private Path runFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a key (repeatable).")
    private List<String> overrides = new ArrayList<>();

    @Option(names = "--steps", defaultValue = "10", description = "Timed steps (default: ${DEFAULT-VALUE}).")
    private int steps;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--data", defaultValue = "random",
            description = "random (Gaussian noise, as the PyTorch reference), real (augmented data set "
                    + "through the loader) or loader (the loader alone, no training: --steps batches in "
                    + "data.workers threads). Default: ${DEFAULT-VALUE}.")
    private String data;

    @Option(names = "--size", defaultValue = "28", description = "Image side for random data (default: ${DEFAULT-VALUE}).")
    private int size;

    @Option(names = "--channels", defaultValue = "1", description = "Channels for random data (default: ${DEFAULT-VALUE}).")
    private int channels;

    @Mixin
    private PluginOptions plugins;

    private final Toolkit toolkit;

    @Inject
    BenchCommand(Toolkit toolkit) {
        this.toolkit = toolkit;
    }

    @Override
    public Integer call() {
        if (!List.of("random", "real", "loader").contains(data)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--data must be random, real or loader, got " + data);
        }
        OptionRange.check("--steps", steps, 1, 100_000);
        OptionRange.check("--warmup", warmup, 0, 10_000);
        OptionRange.check("--size", size, 1, dev.contrastive.runtime.data.IdxReader.MAX_SIDE);
        OptionRange.check("--channels", channels, 1, 3);
        try (PluginCatalog catalog = plugins.open()) {
            RunConfig config = new RunConfigLoader(catalog.objectives(), catalog.policies()).load(runFile, overrides);
            if (data.equals("loader")) {
                LoaderBenchmark.Result result = LoaderBenchmark.measure(config, catalog.policies(), warmup, steps);
                toolkit.out().printf(Locale.ROOT, "loader, %d workers, batch %d: %.1f images/s (%d batches after %d "
                                + "warm-up); data read in %.1f s: %s%n", config.data().workers(),
                        config.train().batchSize(), result.imagesPerSecond(), result.batches(), warmup,
                        result.loadSeconds(), result.source());
                return 0;
            }
            StepBenchmark.Result result = StepBenchmark.measure(config, catalog.policies(), data.equals("real"),
                    channels, size, warmup, steps);
            toolkit.out().printf(Locale.ROOT, "%s %s width %d batch %d threads %d data %s: %.1f images/s, "
                            + "%.0f ms/step (%d steps after %d warm-up)%n", config.settings().objective(),
                    config.model().backbone(), config.model().width(), config.train().batchSize(),
                    config.train().threads(), data, result.imagesPerSecond(), result.millisPerStep(),
                    result.steps(), warmup);
        }
        return 0;
    }
}
