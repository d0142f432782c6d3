package dev.contrastive.runtime.cli;

import ai.djl.ndarray.NDManager;
import com.google.inject.Inject;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.SourceLocation;
import dev.contrastive.runtime.config.RunConfig;
import dev.contrastive.runtime.config.RunConfigLoader;
import dev.contrastive.runtime.data.Datasets;
import dev.contrastive.runtime.io.AtomicFiles;
import dev.contrastive.runtime.io.FolderLock;
import dev.contrastive.runtime.io.OutputGuard;
import dev.contrastive.runtime.io.WriteFailure;
import dev.contrastive.runtime.model.BackboneFiles;
import dev.contrastive.runtime.plugin.PluginCatalog;
import dev.contrastive.runtime.train.EngineThreads;
import dev.contrastive.runtime.train.RunDirectory;
import dev.contrastive.runtime.train.TrainedBackbone;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code toolkit export RUN_DIR}: the trained backbone as a file PyTorch (or DJL) loads. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a run's trained backbone (encoder.params, or for a run that has not finished its "
                + "newest intact checkpoint) as a file.",
                "safetensors: torchvision's ResNet names (conv1.weight, bn1.running_mean, layer2.0.downsample.0."
                        + "weight, ...; no fc), which torchvision.models.resnet18 of the same width and stem loads "
                        + "with strict=True; docs/export.md shows how. djl: DJL's parameter format (Block."
                        + "loadParameters)."})
final class ExportCommand implements Callable<Integer> {

    /** The file formats, as the command line spells them. */
    enum Format { safetensors, djl }

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder written by toolkit run.")
    private Path runDir;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "safetensors",
            description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    private Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write; default RUN_DIR/encoder.safetensors. "
            + "Required with --format djl, since RUN_DIR/encoder.params marks a finished run.")
    private Path out;

    @Mixin
    private PluginOptions plugins;

    private final Toolkit toolkit;

    @Inject
    ExportCommand(Toolkit toolkit) {
        this.toolkit = toolkit;
    }

    @Override
    public Integer call() {
        RunDirectory run = RunDirectory.existing(runDir);
        if (out == null && format == Format.djl) {
            throw new ConfigException(new SourceLocation("toolkit export", 0, 0), "--format djl needs --out FILE: "
                    + "the run's own encoder.params is the DJL file already, and marks a finished run");
        }
        if (out != null) {
            OutputGuard.checkFile(out);
        }
        Path file = out != null ? out : run.safetensors();
        // the run's own encoder.safetensors is written into the run folder: one writer at a time
        try (FolderLock lock = out != null ? null : run.lock("toolkit export");
             PluginCatalog catalog = plugins.open()) {
            RunConfig config = new RunConfigLoader(catalog.objectives(), catalog.policies()).load(run.config(),
                    List.of());
            EngineThreads.start(config.train().threads());
            try (NDManager manager = NDManager.newBaseManager();
                 TrainedBackbone backbone = TrainedBackbone.load(run, config, catalog.policies(),
                         () -> Datasets.load(config.data()).train(), toolkit.err()::println, manager)) {
                byte[] bytes = format == Format.safetensors
                        ? BackboneFiles.safetensors(backbone.block(), config.model())
                        : BackboneFiles.djl(backbone.block());
                if (out != null) {
                    OutputFile.write(out, bytes);
                } else {
                    writeOwn(file, bytes);
                }
                toolkit.out().println("exported the backbone of " + run.root() + " (" + backbone.source() + ") as "
                        + format + ": " + file);
            }
        }
        return 0;
    }

    private static void writeOwn(Path file, byte[] bytes) {
        try {
            AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            throw WriteFailure.of(file, e);
        }
    }
}
