package dev.contrastive.runtime.data;

import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.config.DataConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds, fetches when allowed, and reads the built-in IDX data sets. */
public final class Datasets {

    /** Base names of the four IDX files: train images and labels, test images and labels. */
    static final List<String> IDX_FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    private Datasets() {
    }

    /** Classes of each built-in data set (Fashion-MNIST and MNIST both have ten). */
    public static final int CLASSES = 10;

    /**
     * A data set's splits and its per-channel normalisation.
     *
     * @param folder the folder the IDX files were read from, for messages
     */
    public record Loaded(ImageSet train, ImageSet test, float mean, float std, Path folder) {

        /** Number of classes over both splits. */
        public int classes() {
            return Math.max(train.classes(), test.classes());
        }
    }

    /**
     * Reads the train and test split named by the {@code data:} section, with the locations of the
     * environment; a download shows its progress on standard error.
     *
     * @throws UserError if the files are missing (with how to get them), cannot be fetched or are unreadable
     */
    public static Loaded load(DataConfig config) {
        return load(config, DatasetFetcher.standard(System.err, System.console() != null));
    }

    /**
     * Reads the train and test split named by the {@code data:} section; with {@code root: auto},
     * from the first of {@code fetcher}'s places that holds them, else, with {@code download: auto},
     * from its cache after fetching them.
     *
     * @throws UserError if the files are missing (with how to get them), cannot be fetched or are unreadable
     */
    public static Loaded load(DataConfig config, DatasetFetcher fetcher) {
        Path root = root(config, fetcher);
        List<Path> files = IDX_FILES.stream().map(name -> find(root, name)).toList();
        ImageSet train = IdxReader.readSplit(files.get(0), files.get(1), CLASSES);
        ImageSet test = IdxReader.readSplit(files.get(2), files.get(3), CLASSES);
        if (train.height() != test.height() || train.width() != test.width()) {
            throw new UserError(UserError.DATA, files.get(0) + " holds images of " + train.height() + " x "
                    + train.width() + " pixels but " + files.get(2) + " of " + test.height() + " x " + test.width()
                    + "; the train and test splits must have one image size");
        }
        boolean fashion = config.dataset().equals("fashion-mnist");
        return new Loaded(train.first(config.limit()), test, fashion ? 0.286f : 0.1307f, fashion ? 0.353f : 0.3081f,
                root);
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

    private static Path root(DataConfig config, DatasetFetcher fetcher) {
        if (!config.root().equals("auto")) {
            Path root = Path.of(config.root());
            if (!Files.isDirectory(root)) {
                throw new UserError(UserError.DATA, "data.root " + root + " is not a folder");
            }
            return root;
        }
        DataLocations locations = fetcher.locations();
        Optional<DataLocations.Place> found = locations.find(config.dataset());
        if (found.isPresent()) {
            return found.get().folder();
        }
        if (config.download().equals("never")) {
            throw new UserError(UserError.DATA, config.dataset() + " not found in "
                    + locations.places(config.dataset()).stream().map(DataLocations.Place::folder).toList()
                    + " and data.download is never. " + alternatives(config.dataset())
                    + ", or set data.download: auto to fetch it");
        }
        return fetcher.fetch(KnownDataset.named(config.dataset())).folder();
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
