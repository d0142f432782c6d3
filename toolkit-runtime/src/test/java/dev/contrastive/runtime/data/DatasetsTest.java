package dev.contrastive.runtime.data;

import static dev.contrastive.runtime.data.BinaryDatasets.pattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive.api.Image;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.config.DataConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** {@link Datasets#load} on tiny CIFAR and STL-10 folders named by {@code data.root}. */
class DatasetsTest {

    @TempDir
    Path dir;

    /** A fetcher that must not be used: every data set here is on disk. */
    private DatasetFetcher offline() {
        return new DatasetFetcher(new DataLocations(dir.resolve("cache"), "http://127.0.0.1:9/"),
                new PrintStream(OutputStream.nullOutputStream()), false, Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    private LoadedData load(String dataset, Path root, int limit, int imageSize) {
        return Datasets.load(new DataConfig(dataset, root.toString(), "never", limit, 1, 1, imageSize, null, null,
                null, null), offline());
    }

    @Test
    void cifar10FromItsUnpackedFolder() throws IOException {
        Path root = BinaryDatasets.write(dir.resolve("cifar"), BinaryDatasets.cifar10());
        LoadedData data = load("cifar10", root, 0, 0);
        assertThat(data.train()).as("pre-training draws from the train split").isSameAs(data.evalTrain());
        assertThat(data.train().count()).isEqualTo(10);
        assertThat(data.train().channels()).isEqualTo(3);
        assertThat(data.evalTrain().labels()).containsExactly(0, 9, 1, 8, 2, 7, 3, 6, 4, 5);
        assertThat(data.evalTest().labels()).containsExactly(3, 7);
        assertThat(data.onlineProbeable()).isTrue();
        assertThat(data.classes()).isEqualTo(10);
        Image fifth = data.train().image(5);
        assertThat(fifth.get(20, 3, 2)).as("batch 3's second image").isEqualTo(pattern(5, 20, 3, 2));
        assertThat(data.evalTest().image(1).get(31, 0, 1)).isEqualTo(pattern(101, 31, 0, 1));
        assertThat(data.mean()).containsExactly(0.4914f, 0.4822f, 0.4465f);
        assertThat(data.std()).containsExactly(0.2470f, 0.2435f, 0.2616f);
        assertThat(data.origin()).isEqualTo(root.toString());
    }

    @Test
    void cifar10FromTheBatchFolderItselfWithALimitAndASize() throws IOException {
        Path root = BinaryDatasets.write(dir.resolve("cifar"), BinaryDatasets.cifar10())
                .resolve("cifar-10-batches-bin");
        LoadedData data = load("cifar10", root, 4, 16);
        assertThat(data.train().count()).isEqualTo(4);
        assertThat(data.train().height()).isEqualTo(16);
        assertThat(data.evalTrain().count()).as("the memory: the images the run trains on").isEqualTo(4);
        assertThat(data.evalTest().width()).isEqualTo(16);
    }

    @Test
    void cifar100ReadsFineLabels() throws IOException {
        Path root = BinaryDatasets.write(dir.resolve("c100"), Map.of(
                "cifar-100-binary/train.bin", BinaryDatasets.cifarRecords(0, 2, 1, 42, 19, 99, 0, 3),
                "cifar-100-binary/test.bin", BinaryDatasets.cifarRecords(10, 2, 4, 0)));
        LoadedData data = load("cifar100", root, 0, 0);
        assertThat(data.evalTrain().labels()).containsExactly(42, 99, 3);
        assertThat(data.evalTest().labels()).containsExactly(0);
        assertThat(data.classes()).isEqualTo(100);
        assertThat(data.mean()).containsExactly(0.5071f, 0.4865f, 0.4409f);
        assertThat(data.std()).containsExactly(0.2673f, 0.2564f, 0.2762f);
    }

    @Test
    void stl10PreTrainsOnItsUnlabeledImagesAndEvaluatesOnItsLabelledSplits() throws IOException {
        Path root = BinaryDatasets.write(dir.resolve("stl"), BinaryDatasets.stl10());
        LoadedData data = load("stl10", root, 0, 0);
        assertThat(data.train()).isInstanceOf(Stl10Unlabeled.class);
        assertThat(data.train().count()).isEqualTo(7);
        assertThat(data.train().labelled()).isFalse();
        assertThat(data.onlineProbeable()).as("no labels to train the online probe on").isFalse();
        assertThat(data.evaluable()).isTrue();
        assertThat(data.train().image(6).get(10, 90, 1)).isEqualTo(pattern(206, 10, 90, 1));
        assertThat(data.evalTrain().labels()).containsExactly(0, 9, 4);
        assertThat(data.evalTest().labels()).containsExactly(1, 8);
        assertThat(data.evalTest().image(0).get(95, 0, 2)).isEqualTo(pattern(100, 95, 0, 2));
        assertThat(data.mean()).containsExactly(0.4408f, 0.4278f, 0.3867f);
        assertThat(data.std()).containsExactly(0.2682f, 0.2612f, 0.2686f);

        LoadedData small = load("stl10", root, 5, 48);
        assertThat(small.train().count()).isEqualTo(5);
        assertThat(small.train().image(4).height()).isEqualTo(48);
        assertThat(small.evalTrain().height()).isEqualTo(48);
        assertThat(small.train().image(0).pixels()).as("resized on access as the labelled images at load")
                .isEqualTo(Datasets.conformed(new ImageSet(1, 96, 96, 3, data.train().image(0).pixels(), null),
                        48, 3).pixels());
    }

    @Test
    void aMissingFileIsNamedWithBothPlacesItMayLie() throws IOException {
        Map<String, byte[]> files = new HashMap<>(BinaryDatasets.stl10());
        files.remove("stl10_binary/test_y.bin");
        Path root = BinaryDatasets.write(dir.resolve("stl"), files);
        assertThatThrownBy(() -> load("stl10", root, 0, 0))
                .isInstanceOf(UserError.class)
                .hasMessage("missing " + root.resolve("stl10_binary/test_y.bin") + " (or " + root.resolve("test_y.bin")
                        + ")");
        assertThat(DatasetFormat.STL10.complete(root)).isFalse();
        assertThat(DatasetFormat.STL10.complete(BinaryDatasets.write(dir.resolve("whole"), BinaryDatasets.stl10())))
                .isTrue();
    }

    @Test
    void aCorruptFileStopsTheLoadNamingIt() throws IOException {
        Path root = BinaryDatasets.write(dir.resolve("cifar"), BinaryDatasets.cifar10());
        Path batch = root.resolve("cifar-10-batches-bin/data_batch_4.bin");
        Files.write(batch, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> load("cifar10", root, 0, 0))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith(batch + " is truncated or corrupt");
    }
}
