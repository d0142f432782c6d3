package dev.contrastive.runtime.cli;

import ai.djl.ndarray.NDManager;
import com.google.inject.Inject;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.SourceLocation;
import dev.contrastive.inference.ZooFolder;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.config.RunConfig;
import dev.contrastive.runtime.config.RunConfigLoader;
import dev.contrastive.runtime.data.Datasets;
import dev.contrastive.runtime.data.LoadedData;
import dev.contrastive.runtime.io.AtomicFiles;
import dev.contrastive.runtime.io.FolderLock;
import dev.contrastive.runtime.io.OutputGuard;
import dev.contrastive.runtime.io.WriteFailure;
import dev.contrastive.runtime.model.BackboneFiles;
import dev.contrastive.runtime.plugin.PluginCatalog;
import dev.contrastive.runtime.run.RunDirectory;
import dev.contrastive.runtime.train.EngineThreads;
import dev.contrastive.runtime.train.ModelZooFiles;
import dev.contrastive.runtime.train.TrainedBackbone;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code toolkit export RUN_DIR}: the trained backbone as a file PyTorch (or DJL) loads. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a run's trained backbone (encoder.params, or for a run that has not finished its "
                + "newest intact checkpoint) as a file.",
                "safetensors: torchvision's ResNet names (conv1.weight, bn1.running_mean, layer2.0.downsample.0."
                        + "weight, ...; no fc), which torchvision.models.resnet18 of the same width and stem loads "
                        + "with strict=True; docs/export.md shows how. djl: DJL's parameter format (Block."
                        + "loadParameters). djl-zoo: a folder DJL's Criteria opens (serving.properties, "
                        + "encoder.params, head.params), as every finished run folder is; docs/java.md."})
final class ExportCommand implements Callable<Integer> {

    /** The file formats. */
    enum Format {
        safetensors, djl, djl_zoo;

        /** As the command line spells it: {@code djl-zoo}. */
        @Override
        public String toString() {
            return name().replace('_', '-');
        }
    }

    /** Reads a format as the command line spells it. */
    static final class FormatName implements CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            for (Format format : Format.values()) {
                if (format.toString().equals(value)) {
                    return format;
                }
            }
            throw new CommandLine.TypeConversionException("expected one of " + Arrays.toString(Format.values())
                    + " but was '" + value + "'");
        }
    }

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder written by toolkit run.")
    private Path runDir;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "safetensors", converter = FormatName.class,
            description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    private Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write; default RUN_DIR/encoder.safetensors. "
            + "Required with --format djl, since RUN_DIR/encoder.params marks a finished run, and with "
            + "--format djl-zoo, where it is the folder to write.")
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
        if (out == null && format == Format.djl_zoo) {
            throw new ConfigException(new SourceLocation("toolkit export", 0, 0), "--format djl-zoo needs --out DIR, "
                    + "the folder to write (a finished run folder is a DJL model folder already)");
        }
        if (format == Format.djl_zoo) {
            OutputGuard.checkFolder(out);
        } else if (out != null) {
            OutputGuard.checkFile(out);
        }
        Path file = out != null ? out : run.safetensors();
        // the run's own encoder.safetensors is written into the run folder: one writer at a time
        try (FolderLock lock = out != null ? null : run.lock("toolkit export");
             PluginCatalog catalog = plugins.open()) {
            RunConfig config = new RunConfigLoader(catalog.objectives(), catalog.policies()).load(run.config(),
                    List.of());
            EngineThreads.start(config.train().threads());
            if (format == Format.djl_zoo) {
                exportZoo(run, config, catalog);
                return 0;
            }
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

    /** The online encoder of the newest intact checkpoint as a DJL model folder: description, head, backbone last. */
    private void exportZoo(RunDirectory run, RunConfig config, PluginCatalog catalog) {
        LoadedData data = Datasets.load(config.data());
        try (NDManager manager = NDManager.newBaseManager();
             TrainedBackbone encoder = TrainedBackbone.loadEncoder(run, config, catalog.policies(), data::train,
                     toolkit.err()::println, manager)) {
            Files.createDirectories(out);
            ModelZooFiles.writeDescription(out, ModelZooFiles.describe(config.model(), encoder.encoder(),
                    data.train().channels(), data.train().height(), data.mean(), data.std()));
            ModelZooFiles.writeHead(out, encoder.encoder());
            AtomicFiles.write(out.resolve(ZooFolder.BACKBONE), BackboneFiles.djl(encoder.block()));
            toolkit.out().println("exported the encoder of " + run.root() + " (" + encoder.source()
                    + ") as a DJL model folder: " + out);
        } catch (IOException e) {
            throw WriteFailure.find(e).orElseGet(() -> new UserError(UserError.USAGE, "cannot write " + out + ": " + e
                    + "; give --out DIR elsewhere"));
        }
    }

    private static void writeOwn(Path file, byte[] bytes) {
        try {
            AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            throw WriteFailure.of(file, e);
        }
    }
}
