package dev.contrastive.runtime.data;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A data set the toolkit can fetch: its format (which files a complete folder holds and how they
 * are read), where its publisher serves it and the MD5 checksum of each published file.
 * {@link #ALL} is the one table of URLs and checksums (docs/data.md repeats it).
 *
 * @param name the {@code data.dataset} name, also the folder name in caches and mirrors
 * @param format how its files lie in its folder and are read
 * @param base the official base URL; each file is {@code base + file name}
 * @param files the published files: the four gzipped IDX files, or one {@code .tar.gz} archive
 */
public record KnownDataset(String name, DatasetFormat format, String base, List<DatasetFile> files) {

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

    /** Every data set {@code data.download: auto} and {@code toolkit data fetch} can fetch. */
    public static final List<KnownDataset> ALL = List.of(
            new KnownDataset("fashion-mnist", DatasetFormat.IDX,
                    "https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion/",
                    List.of(new DatasetFile("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
                            new DatasetFile("train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe"),
                            new DatasetFile("t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79"),
                            new DatasetFile("t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310"))),
            new KnownDataset("mnist", DatasetFormat.IDX, "https://ossci-datasets.s3.amazonaws.com/mnist/",
                    List.of(new DatasetFile("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
                            new DatasetFile("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432"),
                            new DatasetFile("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3"),
                            new DatasetFile("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c"))),
            // the binary versions' MD5s as the CIFAR page gives them (torchvision reads the Python versions)
            new KnownDataset("cifar10", DatasetFormat.CIFAR10, "https://www.cs.toronto.edu/~kriz/",
                    List.of(new DatasetFile("cifar-10-binary.tar.gz", "c32a1d4ab5d03f1284b67883e8d87530"))),
            new KnownDataset("cifar100", DatasetFormat.CIFAR100, "https://www.cs.toronto.edu/~kriz/",
                    List.of(new DatasetFile("cifar-100-binary.tar.gz", "03b5dce01913d631647c71ecec9e9cb8"))),
            // torchvision fetches this path over http://; the checksum guards the file either way
            new KnownDataset("stl10", DatasetFormat.STL10, "https://ai.stanford.edu/~acoates/stl10/",
                    List.of(new DatasetFile("stl10_binary.tar.gz", "91f7769df0f17e558f3565bffb0c7dfb"))));

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
