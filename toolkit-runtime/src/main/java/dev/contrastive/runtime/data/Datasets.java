package dev.contrastive.runtime.data;

import dev.contrastive.api.Image;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.config.DataConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds, fetches when allowed, and reads a run's data: the built-in IDX data sets or a folder of images. */
public final class Datasets {

    /** Base names of the four IDX files: train images and labels, test images and labels. */
    static final List<String> IDX_FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    private Datasets() {
    }

    /** Classes of each built-in data set (Fashion-MNIST and MNIST both have ten). */
    public static final int CLASSES = 10;

    /** The train and test splits of a data set with a built-in reader, read from {@code folder}. */
    private record Splits(ImageSet train, ImageSet test, Path folder) {
    }

    /**
     * Reads the training images named by the {@code data:} section, its evaluation splits and its
     * normalisation, with the locations of the environment; a download shows its progress on
     * standard error.
     *
     * @throws UserError if the files are missing (with how to get them), cannot be fetched or are unreadable
     */
    public static LoadedData load(DataConfig config) {
        return load(config, DatasetFetcher.standard(System.err, System.console() != null));
    }

    /**
     * Reads the training images named by the {@code data:} section: a folder's image files, or a
     * data set's train split (with {@code root: auto}, from the first of {@code fetcher}'s places
     * that holds it, else, with {@code download: auto}, from its cache after fetching it); then
     * the labelled splits of {@code data.eval}, or a data set's own, each brought to the training
     * images' size and channels.
     *
     * @throws UserError if the files are missing (with how to get them), cannot be fetched or are unreadable
     */
    public static LoadedData load(DataConfig config, DatasetFetcher fetcher) {
        ImageSource train;
        float[] mean;
        float[] std;
        String origin;
        Splits own = null;
        if (config.dataset().equals("folder")) {
            ImageFolder.Read read = ImageFolder.read(Path.of(config.root()), config.folderImageSize(), 0,
                    config.cacheMb() * 1024L * 1024L, config.workers(), false);
            train = read.images().first(config.limit());
            mean = read.mean();
            std = read.std();
            origin = read.summary();
        } else {
            own = readSplits(config.dataset(), config.root(), config.download(), fetcher, config.imageSize());
            train = own.train().first(config.limit());
            mean = published(config.dataset(), true);
            std = published(config.dataset(), false);
            origin = own.folder().toString();
        }
        if (!config.mean().isEmpty()) {
            mean = perChannel("data.mean", config.mean(), train.channels());
            std = perChannel("data.std", config.std(), train.channels());
        }
        if (config.eval().given()) {
            return LoadedData.evaluated(train,
                    evalSplit(config.eval().train(), true, config, fetcher, train),
                    evalSplit(config.eval().test(), false, config, fetcher, train), mean, std, origin);
        }
        if (own != null) {
            return LoadedData.evaluated(train, own.train(), own.test(), mean, std, origin);
        }
        return LoadedData.unevaluated(train, mean, std, origin, "a folder of images has no labelled evaluation "
                + "images; set data.eval.train and data.eval.test to labelled folders or a data set to evaluate");
    }

    /** The train and test splits of a built-in data set, at {@code size} px when it is not 0. */
    private static Splits readSplits(String dataset, String configuredRoot, String download, DatasetFetcher fetcher,
            int size) {
        Path root = root(dataset, configuredRoot, download, fetcher);
        List<Path> files = IDX_FILES.stream().map(name -> find(root, name)).toList();
        ImageSet train = IdxReader.readSplit(files.get(0), files.get(1), CLASSES);
        ImageSet test = IdxReader.readSplit(files.get(2), files.get(3), CLASSES);
        if (train.height() != test.height() || train.width() != test.width()) {
            throw new UserError(UserError.DATA, files.get(0) + " holds images of " + train.height() + " x "
                    + train.width() + " pixels but " + files.get(2) + " of " + test.height() + " x " + test.width()
                    + "; the train and test splits must have one image size");
        }
        return new Splits(conformed(train, size, train.channels()), conformed(test, size, test.channels()), root);
    }

    /**
     * A labelled evaluation split named by {@code data.eval.train} or {@code data.eval.test}: a data
     * set's split, or a folder with one subfolder per class; at the training images' size and channels.
     */
    private static ImageSet evalSplit(String name, boolean trainSplit, DataConfig config, DatasetFetcher fetcher,
            ImageSource train) {
        if (DataConfig.DATASETS.contains(name) && !name.equals("folder")) {
            Splits splits = readSplits(name, "auto", config.download(), fetcher, train.height());
            return conformed(trainSplit ? splits.train() : splits.test(), train.height(), train.channels());
        }
        ImageFolder.Read read = ImageFolder.read(Path.of(name), train.height(), train.channels(), Integer.MAX_VALUE,
                config.workers(), true);
        if (!(read.images() instanceof ImageSet images)) {
            throw new UserError(UserError.DATA, "evaluation images in " + name + " do not fit in memory (2 GiB); "
                    + "use fewer of them");
        }
        return images;
    }

    /** {@code images} at {@code size × size} (0: as they are) with {@code channels} channels. */
    static ImageSet conformed(ImageSet images, int size, int channels) {
        boolean resize = size != 0 && (images.height() != size || images.width() != size);
        if (!resize && images.channels() == channels) {
            return images;
        }
        int side = size == 0 ? images.height() : size;
        int plane = side * side * channels;
        byte[] pixels = new byte[images.count() * plane];
        for (int i = 0; i < images.count(); i++) {
            Image image = ImageDecoder.withChannels(ImageDecoder.centreSquare(images.image(i), side), channels);
            System.arraycopy(image.pixels(), 0, pixels, i * plane, plane);
        }
        return new ImageSet(images.count(), side, side, channels, pixels, images.labels());
    }

    /** A data set's published per-channel mean or deviation (0..1 scale), as torchvision's examples use. */
    private static float[] published(String dataset, boolean mean) {
        boolean fashion = dataset.equals("fashion-mnist");
        return new float[] {mean ? (fashion ? 0.286f : 0.1307f) : (fashion ? 0.353f : 0.3081f)};
    }

    /** A configured mean or deviation for {@code channels} channels: one value serves all. */
    private static float[] perChannel(String key, List<Double> values, int channels) {
        if (values.size() != 1 && values.size() != channels) {
            throw new UserError(UserError.USAGE, key + " has " + values.size() + " values but the images have "
                    + channels + (channels == 1 ? " channel" : " channels"));
        }
        float[] out = new float[channels];
        for (int c = 0; c < channels; c++) {
            out[c] = values.get(Math.min(c, values.size() - 1)).floatValue();
        }
        return out;
    }

    /** Whether {@code folder} holds all four IDX files, gzipped or plain. */
    static boolean complete(Path folder) {
        return IDX_FILES.stream().allMatch(name -> file(folder, name).isPresent());
    }

    /** Bytes on disk of the four IDX files in {@code folder}. */
    public static long bytesOnDisk(Path folder) {
        long bytes = 0;
        for (String name : IDX_FILES) {
            Path file = find(folder, name);
            try {
                bytes += Files.size(file);
            } catch (IOException e) {
                throw new UserError(UserError.DATA, "cannot read " + file + ": " + e.getMessage());
            }
        }
        return bytes;
    }

    /** How to get a data set without the toolkit downloading it. */
    static String alternatives(String dataset) {
        return (dataset.equals("fashion-mnist") ? "Install it with: sudo apt-get install dataset-fashion-mnist, or "
                : "Instead: ")
                + "put the four IDX files (train-images-idx3-ubyte[.gz], ...) in one folder and set data.root to it";
    }

    private static Path root(String dataset, String configuredRoot, String download, DatasetFetcher fetcher) {
        if (!configuredRoot.equals("auto")) {
            Path root = Path.of(configuredRoot);
            if (!Files.isDirectory(root)) {
                throw new UserError(UserError.DATA, "data.root " + root + " is not a folder");
            }
            return root;
        }
        DataLocations locations = fetcher.locations();
        Optional<DataLocations.Place> found = locations.find(dataset);
        if (found.isPresent()) {
            return found.get().folder();
        }
        if (download.equals("never")) {
            throw new UserError(UserError.DATA, dataset + " not found in "
                    + locations.places(dataset).stream().map(DataLocations.Place::folder).toList()
                    + " and data.download is never. " + alternatives(dataset)
                    + ", or set data.download: auto to fetch it");
        }
        return fetcher.fetch(KnownDataset.named(dataset)).folder();
    }

    private static Optional<Path> file(Path folder, String name) {
        Path gz = folder.resolve(name + ".gz");
        Path plain = folder.resolve(name);
        return Files.exists(gz) ? Optional.of(gz) : Files.exists(plain) ? Optional.of(plain) : Optional.empty();
    }

    private static Path find(Path root, String name) {
        return file(root, name).orElseThrow(() -> new UserError(UserError.DATA, "missing "
                + root.resolve(name + ".gz") + " (or " + root.resolve(name) + ")"));
    }
}
