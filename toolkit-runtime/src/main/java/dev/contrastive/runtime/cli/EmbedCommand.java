package dev.contrastive.runtime.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.inject.Inject;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.SourceLocation;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.config.DataConfig;
import dev.contrastive.runtime.config.RunConfig;
import dev.contrastive.runtime.config.RunConfigLoader;
import dev.contrastive.runtime.data.Datasets;
import dev.contrastive.runtime.data.ImageFolder;
import dev.contrastive.runtime.data.ImageSet;
import dev.contrastive.runtime.data.KnownDataset;
import dev.contrastive.runtime.data.LoadedData;
import dev.contrastive.runtime.data.NamedImages;
import dev.contrastive.runtime.data.Npy;
import dev.contrastive.runtime.eval.FeatureExtractor;
import dev.contrastive.runtime.io.NameLines;
import dev.contrastive.runtime.io.OutputGuard;
import dev.contrastive.runtime.plugin.PluginCatalog;
import dev.contrastive.runtime.run.RunDirectory;
import dev.contrastive.runtime.train.EngineThreads;
import dev.contrastive.runtime.train.TrainedBackbone;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code toolkit embed RUN_DIR}: the trained backbone's features of every image, for use outside the toolkit. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = {"Compute the features of a run's trained backbone (encoder.params, or for a run that has "
                + "not finished its newest intact checkpoint) for every image of a data set's split or of a folder, "
                + "normalised as the run's data set is: the input of retrieval, deduplication, clustering.",
                "Writes FILE: an N x F float32 matrix in numpy's .npy format (numpy.load reads it; the features "
                        + "before the projection head, not normalised), and beside it FILE with .txt for .npy: the "
                        + "name of each image, one a line in the same order (fashion-mnist/test/00042, or a file's path "
                        + "relative to --images)."})
final class EmbedCommand implements Callable<Integer> {

    /** The splits of a data set, as the command line spells them. */
    enum Split { train, test }

    /** Where the images come from: exactly one source. */
    static final class Source {
        @Option(names = "--dataset", paramLabel = "NAME", required = true,
                description = "A known data set (toolkit data list), found or fetched as a run's data.root: auto "
                        + "would; the run's own data set is read from its data.root.")
        String dataset;

        @Option(names = "--images", paramLabel = "DIR", required = true,
                description = "A folder of image files (JPEG, PNG, BMP, GIF, recursively; unreadable ones skipped "
                        + "and counted), each brought to the run's image size and channels; named by their path "
                        + "relative to DIR.")
        Path images;
    }

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder written by toolkit run.")
    private Path runDir;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "test",
            description = "Split of --dataset, every image of it: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}, "
                    + "the images the encoder did not train on).")
    private Split split;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The .npy file to write.")
    private Path out;

    @Mixin
    private PluginOptions plugins;

    private final Toolkit toolkit;

    @Inject
    EmbedCommand(Toolkit toolkit) {
        this.toolkit = toolkit;
    }

    @Override
    public Integer call() {
        RunDirectory run = RunDirectory.existing(runDir);
        Path list = namesFile(out);
        OutputGuard.checkFile(out);
        OutputGuard.checkFile(list);
        try (PluginCatalog catalog = plugins.open()) {
            RunConfigLoader loader = new RunConfigLoader(catalog.objectives(), catalog.policies());
            RunConfig config = loader.load(run.config(), List.of());
            // the run's normalisation, whatever is embedded: the encoder was trained on inputs normalised so
            LoadedData own = Datasets.load(config.data());
            NamedImages images = source.images != null ? folder(own, config) : dataset(loader, run, config, own);
            EngineThreads.start(config.train().threads());
            try (NDManager manager = NDManager.newBaseManager();
                 TrainedBackbone backbone = TrainedBackbone.load(run, config, catalog.policies(), own::train,
                         toolkit.err()::println, manager)) {
                if (backbone.channels() != images.images().channels()) {
                    throw new UserError(UserError.USAGE, "the run's encoder takes images of " + backbone.channels()
                            + " channels, " + source.dataset + " has " + images.images().channels());
                }
                NDArray features = new FeatureExtractor(own.tensors())
                        .features(backbone::features, images.images(), null, manager);
                Map<Path, byte[]> files = new LinkedHashMap<>();
                files.put(out, Npy.float32(features.toFloatArray(), features.getShape().getShape()));
                files.put(list, NameLines.of(images.names()));
                OutputFile.writeTogether(files);
                toolkit.out().println("embedded " + images.names().size() + " images with the backbone of "
                        + run.root() + " (" + backbone.source() + "): " + features.getShape() + " features in "
                        + out + ", their names in " + list);
            }
        }
        return 0;
    }

    /** Every readable image under {@code --images}, at the run's image size and channels. */
    private NamedImages folder(LoadedData own, RunConfig config) {
        ImageFolder.Read read = ImageFolder.read(source.images, own.train().height(), own.train().channels(),
                Integer.MAX_VALUE, config.data().workers(), false);
        if (!(read.images() instanceof ImageSet images)) {
            throw new UserError(UserError.DATA, "the images in " + source.images + " do not fit in memory (2 GiB); "
                    + "embed them in parts");
        }
        toolkit.err().println("images: " + read.summary());
        return new NamedImages(images, read.names());
    }

    /** Every image of the {@code --split} of {@code --dataset}, named by index. */
    private NamedImages dataset(RunConfigLoader loader, RunDirectory run, RunConfig config, LoadedData own) {
        LoadedData data = source.dataset.equals(config.data().dataset()) && config.data().limit() == 0 ? own
                : Datasets.load(splitSection(loader, run, config));
        return NamedImages.split(source.dataset, split.name(), split == Split.train ? data.evalTrain()
                : data.evalTest());
    }

    /**
     * The data section that reads every image of {@code --dataset}: the run's, without its limit,
     * and for another data set than the run's, found as {@code data.root: auto} finds it.
     */
    private DataConfig splitSection(RunConfigLoader loader, RunDirectory run, RunConfig config) {
        try {
            KnownDataset.named(source.dataset);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(new SourceLocation("toolkit embed --dataset", 0, 0), e.getMessage());
        }
        List<String> overrides = new ArrayList<>(List.of("data.dataset=" + source.dataset, "data.limit=0"));
        if (!source.dataset.equals(config.data().dataset())) {
            overrides.add("data.root=auto");
        }
        return loader.load(run.config(), overrides).data();
    }

    /** {@code features.npy} -> {@code features.txt}; any other name gains {@code .txt}. */
    private static Path namesFile(Path npy) {
        String name = npy.getFileName().toString();
        return npy.resolveSibling((name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name) + ".txt");
    }
}
