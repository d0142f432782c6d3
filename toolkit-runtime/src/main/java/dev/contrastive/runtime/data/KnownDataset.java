package dev.contrastive.runtime.data;

import dev.contrastive.runtime.config.DataConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A data set the toolkit knows: its format (which files a complete folder holds and how they are
 * read), the shape of its images, the normalisation the field uses for it, where its publisher
 * serves it and the MD5 checksum of each published file, and the folder a Debian package installs
 * it in. {@link #ALL} is the one table of these facts (docs/data.md repeats the URLs and checksums).
 *
 * @param name the {@code data.dataset} name, also the folder name in caches and mirrors
 * @param format how its files lie in its folder and are read
 * @param channels channels of its images
 * @param side the side of its (square) images
 * @param mean per-channel mean of its pixels on the 0..1 scale, as published (below)
 * @param std per-channel standard deviation, likewise
 * @param base the official base URL; each file is {@code base + file name}
 * @param files the published files: the four gzipped IDX files, or one {@code .tar.gz} archive
 * @param debianFolder where a Debian package installs it ({@code dataset-fashion-mnist}), or null
 */
public record KnownDataset(String name, DatasetFormat format, int channels, int side, float[] mean, float[] std,
        String base, List<DatasetFile> files, Path debianFolder) {

    /**
     * One published file.
     *
     * @param name file name, e.g. {@code train-images-idx3-ubyte.gz}
     * @param md5 its MD5 checksum as its publisher or torchvision gives it (lower-case hex)
     */
    public record DatasetFile(String name, String md5) {

        /** Whether it is a {@code .tar.gz} archive, unpacked into the data set's folder once verified. */
        public boolean archive() {
            return name.endsWith(".tar.gz");
        }
    }

    /**
     * Every data set {@code data.download: auto} and {@code toolkit data fetch} can fetch. The
     * normalisations: MNIST's and Fashion-MNIST's from torchvision's examples; CIFAR's measured on
     * their train splits (the values solo-learn uses); STL-10's measured on its train+unlabeled
     * images, as the semi-supervised benchmarks TorchSSL and USB give it (112.4, 109.1, 98.6 and
     * 68.4, 66.6, 68.5 on the 0..255 scale; Lightning Bolts rounds them to 0.43, 0.42, 0.39 and
     * 0.27, 0.26, 0.27).
     */
    public static final List<KnownDataset> ALL = List.of(
            new KnownDataset("fashion-mnist", DatasetFormat.IDX, 1, 28, new float[] {0.286f}, new float[] {0.353f},
                    "https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion/",
                    List.of(new DatasetFile("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
                            new DatasetFile("train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe"),
                            new DatasetFile("t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79"),
                            new DatasetFile("t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310")),
                    Path.of("/usr/share/datasets/fashion-mnist")),
            new KnownDataset("mnist", DatasetFormat.IDX, 1, 28, new float[] {0.1307f}, new float[] {0.3081f},
                    "https://ossci-datasets.s3.amazonaws.com/mnist/",
                    List.of(new DatasetFile("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
                            new DatasetFile("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432"),
                            new DatasetFile("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3"),
                            new DatasetFile("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c")), null),
            // the binary versions' MD5s as the CIFAR page gives them (torchvision reads the Python versions)
            new KnownDataset("cifar10", DatasetFormat.CIFAR10, 3, 32, new float[] {0.4914f, 0.4822f, 0.4465f},
                    new float[] {0.2470f, 0.2435f, 0.2616f}, "https://www.cs.toronto.edu/~kriz/",
                    List.of(new DatasetFile("cifar-10-binary.tar.gz", "c32a1d4ab5d03f1284b67883e8d87530")), null),
            new KnownDataset("cifar100", DatasetFormat.CIFAR100, 3, 32, new float[] {0.5071f, 0.4865f, 0.4409f},
                    new float[] {0.2673f, 0.2564f, 0.2762f}, "https://www.cs.toronto.edu/~kriz/",
                    List.of(new DatasetFile("cifar-100-binary.tar.gz", "03b5dce01913d631647c71ecec9e9cb8")), null),
            // torchvision fetches this path over http://; the checksum guards the file either way
            new KnownDataset("stl10", DatasetFormat.STL10, 3, 96, new float[] {0.4408f, 0.4278f, 0.3867f},
                    new float[] {0.2682f, 0.2612f, 0.2686f}, "https://ai.stanford.edu/~acoates/stl10/",
                    List.of(new DatasetFile("stl10_binary.tar.gz", "91f7769df0f17e558f3565bffb0c7dfb")), null));

    /**
     * The channels and side of a run's images, known without reading them: its data set's, at
     * {@code data.image_size} when set; a folder's are taken as RGB at its image size.
     *
     * @return {channels, side}
     */
    public static int[] shapeOf(DataConfig data) {
        if (data.dataset().equals("folder")) {
            return new int[] {3, data.folderImageSize()};
        }
        KnownDataset known = named(data.dataset());
        return new int[] {known.channels(), data.imageSize() != 0 ? data.imageSize() : known.side()};
    }

    /**
     * The data set called {@code name}.
     *
     * @throws IllegalArgumentException naming the known ones when there is none
     */
    public static KnownDataset named(String name) {
        return ALL.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("data set '" + name + "' is not known; allowed: "
                        + ALL.stream().map(KnownDataset::name).collect(Collectors.joining(", "))));
    }
}
