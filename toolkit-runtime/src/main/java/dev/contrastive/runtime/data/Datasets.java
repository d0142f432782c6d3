package dev.contrastive.runtime.data;

import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.config.DataConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds and reads the built-in IDX data sets. */
public final class Datasets {

    /** The Debian package {@code dataset-fashion-mnist} installs here. */
    static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    private Datasets() {
    }

    /** A data set's splits and its per-channel normalisation. */
    public record Loaded(ImageSet train, ImageSet test, float mean, float std) {

        /** Number of classes over both splits. */
        public int classes() {
            return Math.max(train.classes(), test.classes());
        }
    }

    /**
     * Reads the train and test split named by the {@code data:} section.
     *
     * @throws UserError if the files are missing (with how to install them) or unreadable
     */
    public static Loaded load(DataConfig config) {
        Path root = root(config);
        ImageSet train = IdxReader.readSplit(find(root, "train-images-idx3-ubyte"), find(root, "train-labels-idx1-ubyte"));
        ImageSet test = IdxReader.readSplit(find(root, "t10k-images-idx3-ubyte"), find(root, "t10k-labels-idx1-ubyte"));
        boolean fashion = config.dataset().equals("fashion-mnist");
        return new Loaded(train.first(config.limit()), test, fashion ? 0.286f : 0.1307f, fashion ? 0.353f : 0.3081f);
    }

    private static Path root(DataConfig config) {
        if (!config.root().equals("auto")) {
            Path root = Path.of(config.root());
            if (!Files.isDirectory(root)) {
                throw new UserError(UserError.DATA, "data.root " + root + " is not a folder");
            }
            return root;
        }
        List<Path> candidates = config.dataset().equals("fashion-mnist")
                ? List.of(DEBIAN_FASHION_MNIST, Path.of("data/fashion-mnist"))
                : List.of(Path.of("data/mnist"));
        return candidates.stream().filter(p -> Files.exists(p.resolve("train-images-idx3-ubyte.gz"))
                        || Files.exists(p.resolve("train-images-idx3-ubyte")))
                .findFirst().orElseThrow(() -> new UserError(UserError.DATA, config.dataset()
                        + " not found in " + candidates + ". "
                        + (config.dataset().equals("fashion-mnist")
                                ? "Install it with: sudo apt-get install dataset-fashion-mnist, or "
                                : "")
                        + "put the four IDX files (train-images-idx3-ubyte[.gz], ...) in one folder and set "
                        + "data.root to it"));
    }

    private static Path find(Path root, String name) {
        Path gz = root.resolve(name + ".gz");
        Path plain = root.resolve(name);
        if (Files.exists(gz)) {
            return gz;
        }
        if (Files.exists(plain)) {
            return plain;
        }
        throw new UserError(UserError.DATA, "missing " + gz + " (or " + plain + ")");
    }
}
