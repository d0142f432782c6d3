package dev.contrastive.runtime.cli;

import com.google.inject.Inject;
import dev.contrastive.api.AugmentationPolicy;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.Image;
import dev.contrastive.api.SourceLocation;
import dev.contrastive.runtime.augment.PngImages;
import dev.contrastive.runtime.config.RunConfig;
import dev.contrastive.runtime.config.RunConfigLoader;
import dev.contrastive.runtime.data.Datasets;
import dev.contrastive.runtime.data.ImageSource;
import dev.contrastive.runtime.data.ImageTensors;
import dev.contrastive.runtime.io.OutputGuard;
import dev.contrastive.runtime.loader.AugmentationThroughput;
import dev.contrastive.runtime.loader.ViewPipeline;
import dev.contrastive.runtime.loader.ViewPreview;
import dev.contrastive.runtime.plugin.PluginCatalog;
import dev.contrastive.runtime.train.RunSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code toolkit augment}: look at, check and time augmentation policies. */
@Command(name = "augment", mixinStandardHelpOptions = true,
        description = "Apply one augmentation operation, preview a run's views, or time its pipelines.")
final class AugmentCommand {

    private final Toolkit toolkit;

    @Inject
    AugmentCommand(Toolkit toolkit) {
        this.toolkit = toolkit;
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Apply one named operation with its effective parameter (e.g. Rotate 23.5 degrees, "
                    + "Posterize 5 bits) to a PNG, deterministically; for checking parity with Pillow.")
    int apply(@Option(names = "--op", required = true, description = "Operation name, e.g. Rotate.") String op,
            @Option(names = "--value", defaultValue = "0",
                    description = "The operation's effective parameter (ignored by parameterless ops).") double value,
            @Parameters(index = "0", paramLabel = "IN.png") Path in,
            @Parameters(index = "1", paramLabel = "OUT.png") Path out,
            @Mixin PluginOptions plugins) throws IOException {
        OutputGuard.checkFile(out);
        try (PluginCatalog catalog = plugins.open()) {
            List<String> known = new ArrayList<>();
            for (AugmentationPolicy policy : catalog.policies().values()) {
                known.addAll(policy.operations());
                if (policy.operations().contains(op)) {
                    Image result;
                    try {
                        result = policy.applyOperation(op, value, PngImages.read(in));
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(new SourceLocation("--value", 0, 0), e.getMessage());
                    }
                    PngImages.write(result, out);
                    toolkit.out().printf(Locale.ROOT, "%s(%s) of %s -> %s (policy %s)%n", op, value, in, out,
                            policy.name());
                    return 0;
                }
            }
            throw new ConfigException(new SourceLocation("--op", 0, 0), "no installed policy has the operation '"
                    + op + "'; known: " + String.join(", ", known));
        }
    }

    @Command(name = "preview", mixinStandardHelpOptions = true,
            description = "Draw sample training images with every view the run's objective asks for "
                    + "(weak and strong), one row per image, as a PNG grid.")
    int preview(@Parameters(index = "0", paramLabel = "RUNFILE") Path runFile,
            @Option(names = "--out", required = true, paramLabel = "GRID.png") Path out,
            @Option(names = "--samples", defaultValue = "8", description = "Rows (default: ${DEFAULT-VALUE}).") int samples,
            @Option(names = "--zoom", defaultValue = "4", description = "Enlargement (default: ${DEFAULT-VALUE}).") int zoom,
            @Option(names = "--set", paramLabel = "KEY=VALUE") List<String> overrides,
            @Mixin PluginOptions plugins) throws IOException {
        OptionRange.check("--samples", samples, 1, 256);
        OptionRange.check("--zoom", zoom, 1, 32);
        OutputGuard.checkFile(out);
        try (PluginCatalog catalog = plugins.open()) {
            RunConfig config = load(catalog, runFile, overrides);
            try (RunSession run = RunSession.open(config, catalog.policies(), Datasets.load(config.data()))) {
                ImageSource images = run.data().train();
                PngImages.write(ViewPreview.draw(images, run.pipelines(), config.settings().seed(), samples, zoom), out);
                toolkit.out().println("wrote " + out + ": columns original, " + String.join(", ",
                        run.pipelines().stream().map(p -> p.request().name() + " " + p.request().policies()).toList()));
            }
        }
        return 0;
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Images/s of each view pipeline of a run (augment + float conversion) on ONE thread, "
                    + "to set beside benchmarks/reference/strong_aug.py.")
    int bench(@Parameters(index = "0", paramLabel = "RUNFILE") Path runFile,
            @Option(names = "--images", defaultValue = "20000", description = "Images timed (default: ${DEFAULT-VALUE}).") int count,
            @Option(names = "--set", paramLabel = "KEY=VALUE") List<String> overrides,
            @Mixin PluginOptions plugins) {
        OptionRange.check("--images", count, 1, 1_000_000);
        try (PluginCatalog catalog = plugins.open()) {
            RunConfig config = load(catalog, runFile, overrides);
            try (RunSession run = RunSession.open(config, catalog.policies(), Datasets.load(config.data()))) {
                ImageSource images = run.data().train().first(count);
                ImageTensors tensors = run.data().tensors();
                for (ViewPipeline view : run.pipelines()) {
                    toolkit.out().printf(Locale.ROOT, "view %-8s %-16s %dx%d: %.0f images/s on one thread%n",
                            view.request().name(), view.request().policies(), view.request().size(),
                            view.request().size(), AugmentationThroughput.measure(view, images, tensors));
                }
            }
        }
        return 0;
    }

    private static RunConfig load(PluginCatalog catalog, Path runFile, List<String> overrides) {
        return new RunConfigLoader(catalog.objectives(), catalog.policies())
                .load(runFile, overrides == null ? List.of() : overrides);
    }
}
