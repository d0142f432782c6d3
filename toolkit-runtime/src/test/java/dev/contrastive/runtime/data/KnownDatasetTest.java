package dev.contrastive.runtime.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive.runtime.config.DataConfig;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

/** The one table of data sets: what the run file accepts, the images' shapes, their normalisation. */
class KnownDatasetTest {

    private static DataConfig data(String dataset, Integer imageSize) {
        return new DataConfig(dataset, dataset.equals("folder") ? "images/" : null, null, null, null, null, imageSize,
                null, null, null, null);
    }

    @Test
    void theRunFileAcceptsTheTablesDataSetsAndFolders() {
        // DataConfig cannot read the table (the data package reads DataConfig): the two lists agree here
        Set<String> known = new HashSet<>(KnownDataset.ALL.stream().map(KnownDataset::name).toList());
        known.add("folder");
        assertThat(DataConfig.DATASETS).isEqualTo(known);
    }

    @Test
    void everyDataSetHasANormalisationPerChannel() {
        for (KnownDataset dataset : KnownDataset.ALL) {
            assertThat(dataset.mean()).as(dataset.name()).hasSize(dataset.channels());
            assertThat(dataset.std()).as(dataset.name()).hasSize(dataset.channels());
        }
        assertThat(KnownDataset.named("cifar10").mean()).containsExactly(0.4914f, 0.4822f, 0.4465f);
    }

    @Test
    void shapesAreKnownWithoutReadingTheImages() {
        assertThat(KnownDataset.shapeOf(data("fashion-mnist", null))).containsExactly(1, 28);
        assertThat(KnownDataset.shapeOf(data("cifar100", null))).containsExactly(3, 32);
        assertThat(KnownDataset.shapeOf(data("stl10", 64))).containsExactly(3, 64);
        assertThat(KnownDataset.shapeOf(data("folder", 48))).containsExactly(3, 48);
    }
}
