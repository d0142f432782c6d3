package dev.contrastive.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

class CollapseWatchTest {

    @Test
    void spreadIsZeroForOnePointAndNearOneOverRootDForRandomDirections() {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(1);
            NDArray same = manager.ones(new Shape(64, 16)).div(4);
            assertThat(CollapseWatch.embeddingStd(same)).isCloseTo(0, within(1e-6));
            NDArray random = manager.randomNormal(new Shape(4096, 16));
            NDArray unit = random.div(random.norm(new int[] {1}, true));
            // each coordinate of a uniform unit vector in D dimensions has variance 1/D
            assertThat(CollapseWatch.embeddingStd(unit)).isCloseTo(0.25, within(0.01));
        }
    }

    @Test
    void warnsOnlyWhenTheEpochMeanFallsBelowAFifthOfTheHealthySpread() {
        CollapseWatch watch = new CollapseWatch(100);
        Map<String, Object> epoch = new LinkedHashMap<>();
        epoch.put("epoch", 3);
        epoch.put(CollapseWatch.METRIC, 0.05);
        assertThat(watch.warning(epoch)).isNull();
        epoch.put(CollapseWatch.METRIC, 0.0199);
        assertThat(watch.warning(epoch)).contains("epoch 3").contains("collapsing").contains("0.02000");
        epoch.remove(CollapseWatch.METRIC);
        assertThat(watch.warning(epoch)).isNull();
    }
}
