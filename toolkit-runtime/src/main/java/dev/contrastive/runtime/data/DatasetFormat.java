package dev.contrastive.runtime.data;

import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.io.InputPaths;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How a built-in data set lies on disk and how its splits are read. IDX files lie in the data
 * set's folder, each gzipped or plain; the files of a binary archive lie in the folder the archive
 * unpacks to ({@code cifar-10-batches-bin}, ...) inside the data set's folder, or in that folder
 * itself.
 */
public enum DatasetFormat {

    /** MNIST and Fashion-MNIST: an images and a labels file per split. */
    IDX(10, null, List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
            List.of("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"), null,
            (files, classes) -> IdxReader.readSplit(files.get(0), files.get(1), classes)),
    /** CIFAR-10's binary version: five train batches and a test batch. */
    CIFAR10(10, "cifar-10-batches-bin", List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
            "data_batch_4.bin", "data_batch_5.bin"), List.of("test_batch.bin"), null,
            (files, classes) -> CifarReader.readSplit(files, 1, classes)),
    /** CIFAR-100's binary version, read with its 100 fine classes. */
    CIFAR100(100, "cifar-100-binary", List.of("train.bin"), List.of("test.bin"), null,
            (files, classes) -> CifarReader.readSplit(files, 2, classes)),
    /** STL-10's binary version: pre-training draws from its unlabeled split alone. */
    STL10(Stl10Reader.CLASSES, "stl10_binary", List.of("train_X.bin", "train_y.bin"),
            List.of("test_X.bin", "test_y.bin"), "unlabeled_X.bin",
            (files, classes) -> Stl10Reader.readSplit(files.get(0), files.get(1)));

    /** Reads one labelled split from its files. */
    private interface SplitReader {
        ImageSet read(List<Path> files, int classes);
    }

    private final int classes;
    private final String subfolder;
    private final List<String> trainFiles;
    private final List<String> testFiles;
    private final String unlabeledFile;
    private final SplitReader reader;

    /**
     * @param subfolder the folder the archive unpacks to; null for IDX files
     * @param unlabeledFile an STL-10 image file pre-training draws from instead of the train split; null for none
     */
    DatasetFormat(int classes, String subfolder, List<String> trainFiles, List<String> testFiles,
            String unlabeledFile, SplitReader reader) {
        this.classes = classes;
        this.subfolder = subfolder;
        this.trainFiles = trainFiles;
        this.testFiles = testFiles;
        this.unlabeledFile = unlabeledFile;
        this.reader = reader;
    }

    /** Names of the files a complete folder holds, IDX ones without {@code .gz}. */
    public List<String> files() {
        List<String> files = new ArrayList<>(trainFiles);
        files.addAll(testFiles);
        if (unlabeledFile != null) {
            files.add(unlabeledFile);
        }
        return files;
    }

    /** Whether {@code folder} holds every file. */
    public boolean complete(Path folder) {
        return files().stream().allMatch(name -> locate(folder, name).isPresent());
    }

    /** Bytes on disk of the files in {@code folder}. */
    public long bytesOnDisk(Path folder) {
        long bytes = 0;
        for (Path file : find(folder, files())) {
            try {
                bytes += Files.size(file);
            } catch (IOException e) {
                throw new UserError(UserError.DATA, "cannot read " + file + ": " + e.getMessage());
            }
        }
        return bytes;
    }

    /**
     * Reads the splits from {@code folder}, the labelled ones brought to {@code size} px (0: as
     * they are) and the unlabeled images at that size on access.
     *
     * @throws UserError naming a file that is missing, unreadable or inconsistent with the others
     */
    DatasetSplits read(Path folder, int size) {
        List<Path> trainPaths = find(folder, trainFiles);
        List<Path> testPaths = find(folder, testFiles);
        ImageSet train = reader.read(trainPaths, classes);
        ImageSet test = reader.read(testPaths, classes);
        if (train.height() != test.height() || train.width() != test.width()) {
            throw new UserError(UserError.DATA, trainPaths.get(0) + " holds images of " + train.height() + " x "
                    + train.width() + " pixels but " + testPaths.get(0) + " of " + test.height() + " x "
                    + test.width() + "; the train and test splits must have one image size");
        }
        ImageSet sizedTrain = Datasets.conformed(train, size, train.channels());
        ImageSource pretrain = unlabeledFile == null ? sizedTrain
                : Stl10Unlabeled.open(find(folder, List.of(unlabeledFile)).get(0), size);
        return new DatasetSplits(pretrain, sizedTrain, Datasets.conformed(test, size, test.channels()), folder);
    }

    private List<Path> find(Path folder, List<String> names) {
        return names.stream().map(name -> locate(folder, name).orElseThrow(() -> absent(folder, name))).toList();
    }

    /** A file not found: one that is there but not a regular file (a link to a device, a FIFO) is named as such. */
    private UserError absent(Path folder, String name) {
        Optional<Path> other = candidates(folder, name).filter(InputPaths::exists).findFirst();
        return new UserError(UserError.DATA, other.isPresent() ? InputPaths.notA(other.get(), "regular file")
                : "missing " + String.join(" (or ", candidates(folder, name).map(Path::toString).toList()) + ")");
    }

    private Optional<Path> locate(Path folder, String name) {
        return candidates(folder, name).filter(Files::isRegularFile).findFirst();
    }

    /** Where a file may lie, in order: IDX gzipped or plain; an archive's in its folder or directly. */
    private Stream<Path> candidates(Path folder, String name) {
        return subfolder == null ? Stream.of(folder.resolve(name + ".gz"), folder.resolve(name))
                : Stream.of(folder.resolve(subfolder).resolve(name), folder.resolve(name));
    }
}
