package dev.contrastive.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.contrastive.api.Image;
import dev.contrastive.api.ImageTransform;
import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.augment.WeakAugmentation;
import dev.contrastive.runtime.config.RunConfigLoader;
import dev.contrastive.runtime.plugin.PluginCatalog;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.SplittableRandom;

/** The kNN monitor's strong test transform, as {@code knn.strong_test} chooses it. */
class RunAssemblyTest {

    private static final String SMALL = "model: {width: 2, head_hidden: 16, head_dim: 8}\nmoco: {queue: 16}\n";

    /** The strong test images of a run file, end to end: 20 images through its transform, fixed seeds. */
    private static byte[] strongTestImages(PluginCatalog catalog, String runFile) {
        try (NDManager manager = NDManager.newBaseManager()) {
            RunAssembly run = RunAssembly.build(new RunConfigLoader(catalog.objectives(), catalog.policies())
                    .load(runFile + SMALL, "run.yaml", List.of()), catalog.policies(), 1, 28, 100, manager);
            run.objective().close();
            ImageTransform transform = run.strongTest();
            if (transform == null) {
                return null;
            }
            ByteArrayOutputStream images = new ByteArrayOutputStream();
            for (int i = 0; i < 20; i++) {
                images.writeBytes(transform.apply(image(i), new SplittableRandom(i)).pixels());
            }
            return images.toByteArray();
        }
    }

    private static Image image(int seed) {
        SplittableRandom random = new SplittableRandom(100 + seed);
        byte[] pixels = new byte[28 * 28];
        for (int p = 0; p < pixels.length; p++) {
            pixels[p] = (byte) (random.nextInt(256) * ((p / 28 + p % 28) % 7 == 0 ? 1 : 0));
        }
        return Image.of(28, 28, 1, pixels);
    }

    @Test
    void aNamedPolicyScoresEveryRunOnTheSameImagesWhateverItTrainsWith() {
        try (PluginCatalog catalog = new PluginCatalog(List.of(Distribution.home().resolve("plugins")), Distribution.VERSION,
                List.of(new WeakAugmentation()))) {
            String one = "objective: moco+clsa\naugment: {strong: {repeats: 1}}\n";
            String five = "objective: moco+clsa\naugment: {strong: {repeats: 5, probability: 1.0}}\n";
            byte[] autoOne = strongTestImages(catalog, one);
            byte[] autoFive = strongTestImages(catalog, five);
            assertThat(autoOne).as("auto follows each run's own policy").isNotEqualTo(autoFive);

            String fixed = "knn: {strong_test: strong}\n";
            byte[] fixedOne = strongTestImages(catalog, one + fixed);
            byte[] fixedFive = strongTestImages(catalog, five + fixed);
            byte[] fixedMoco = strongTestImages(catalog, "objective: moco\n" + fixed);
            assertThat(fixedOne).isEqualTo(fixedFive);
            assertThat(fixedMoco).as("MoCo has no strong view, yet gets the same test images")
                    .isEqualTo(fixedOne);

            assertThat(strongTestImages(catalog, "objective: moco\n")).as("auto without a strong view").isNull();
            assertThat(strongTestImages(catalog, one + "knn: {strong_test: none}\n")).isNull();
        }
    }

    /** Every seed of an int keeps the engine seed it always had; longer seeds are not cut to their low bits. */
    @Test
    void longSeedsAreNotTruncated() {
        for (long seed : new long[] {0, 1, -1, 42, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            assertThat(RunAssembly.engineSeed(seed)).isEqualTo((int) seed);
        }
        long high = (1L << 32) + 4;
        assertThat(RunAssembly.engineSeed(high)).isNotEqualTo(4).isNotEqualTo(RunAssembly.engineSeed(high + (1L << 33)));
    }
}
