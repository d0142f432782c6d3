package dev.contrastive.runtime.data;

import dev.contrastive.api.Image;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.config.DataConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds, fetches when allowed, and reads a run's data: a built-in data set or a folder of images. */
public final class Datasets {

    private Datasets() {
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
     * data set's train split, for STL-10 its unlabeled images (with {@code root: auto}, from the
     * first of {@code fetcher}'s places that holds it, else, with {@code download: auto}, from its
     * cache after fetching it); then the labelled splits of {@code data.eval}, or a data set's own,
     * each brought to the training images' size and channels.
     *
     * @throws UserError if the files are missing (with how to get them), cannot be fetched or are unreadable
     */
    public static LoadedData load(DataConfig config, DatasetFetcher fetcher) {
        ImageSource train;
        float[] mean;
        float[] std;
        String origin;
        DatasetSplits own = null;
        if (config.dataset().equals("folder")) {
            ImageFolder.Read read = ImageFolder.read(Path.of(config.root()), config.folderImageSize(), 0,
                    config.cacheMb() * 1024L * 1024L, config.workers(), false);
            train = read.images().first(config.limit());
            mean = read.mean();
            std = read.std();
            origin = read.summary();
        } else {
            own = readSplits(config.dataset(), config.root(), config.download(), fetcher, config.imageSize());
            train = own.pretrain().first(config.limit());
            mean = KnownDataset.named(config.dataset()).mean();
            std = KnownDataset.named(config.dataset()).std();
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
            // a run limited to the first N train images evaluates with those as memory, as it trained on them
            ImageSet evalTrain = own.pretrain() == own.train() ? own.train().first(config.limit()) : own.train();
            return LoadedData.evaluated(train, evalTrain, own.test(), mean, std, origin);
        }
        return LoadedData.unevaluated(train, mean, std, origin, "a folder of images has no labelled evaluation "
                + "images; set data.eval.train and data.eval.test to labelled folders or a data set to evaluate");
    }

    /** The splits of a built-in data set, at {@code size} px when it is not 0. */
    private static DatasetSplits readSplits(String dataset, String configuredRoot, String download,
            DatasetFetcher fetcher, int size) {
        KnownDataset known = KnownDataset.named(dataset);
        return known.format().read(root(known, configuredRoot, download, fetcher), size);
    }

    /**
     * A labelled evaluation split named by {@code data.eval.train} or {@code data.eval.test}: a data
     * set's split, or a folder with one subfolder per class; at the training images' size and channels.
     */
    private static ImageSet evalSplit(String name, boolean trainSplit, DataConfig config, DatasetFetcher fetcher,
            ImageSource train) {
        if (DataConfig.DATASETS.contains(name) && !name.equals("folder")) {
            DatasetSplits splits = readSplits(name, "auto", config.download(), fetcher, train.height());
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

    /** How to get a data set without the toolkit downloading it. */
    static String alternatives(KnownDataset dataset) {
        String place = dataset.format() == DatasetFormat.IDX
                ? "put the four IDX files (train-images-idx3-ubyte[.gz], ...) in one folder"
                : "unpack " + dataset.base() + dataset.files().get(0).name() + " into a folder";
        return (dataset.debianFolder() != null
                ? "Install it with: sudo apt-get install dataset-fashion-mnist, or " : "Instead: ")
                + place + " and set data.root to it";
    }

    private static Path root(KnownDataset dataset, String configuredRoot, String download, DatasetFetcher fetcher) {
        if (!configuredRoot.equals("auto")) {
            Path root = Path.of(configuredRoot);
            if (!Files.isDirectory(root)) {
                throw new UserError(UserError.DATA, "data.root " + root + " is not a folder");
            }
            return root;
        }
        DataLocations locations = fetcher.locations();
        Optional<DataLocations.Place> found = locations.find(dataset.name());
        if (found.isPresent()) {
            return found.get().folder();
        }
        if (download.equals("never")) {
            throw new UserError(UserError.DATA, dataset.name() + " not found in "
                    + locations.places(dataset.name()).stream().map(DataLocations.Place::folder).toList()
                    + " and data.download is never. " + alternatives(dataset)
                    + ", or set data.download: auto to fetch it");
        }
        return fetcher.fetch(dataset).folder();
    }
}
