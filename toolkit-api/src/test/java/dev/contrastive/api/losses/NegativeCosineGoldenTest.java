package dev.contrastive.api.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.api.testing.GoldenLosses;
import org.junit.jupiter.api.Test;

/**
 * SimSiam's negative cosine against PyTorch's float64 value in golden/loss/frameworks.json, its
 * range, and its relation to BYOL's regression; InfoNCE without a queue against MoCo v3's golden term.
 */
class NegativeCosineGoldenTest {

    private static final JsonNode FRAMEWORKS = GoldenLosses.frameworks();

    @Test
    void negativeCosineEqualsGoldenValue() {
        try (NDManager manager = NDManager.newBaseManager()) {
            JsonNode simsiam = FRAMEWORKS.get("simsiam");
            NDArray p = unit(GoldenLosses.matrix(manager, simsiam.get("inputs").get("p1")));
            NDArray z = unit(GoldenLosses.matrix(manager, simsiam.get("inputs").get("z2")));
            double loss = GoldenLosses.value(NegativeCosine.loss(p, z));
            assertThat(loss).isCloseTo(simsiam.get("d_p1_z2").asDouble(), within(1e-6)).isBetween(-1.0, 1.0);
            assertThat(GoldenLosses.value(CosineRegression.loss(p, z))).isCloseTo(2 + 2 * loss, within(1e-12));
        }
    }

    @Test
    void infoNceWithoutAQueueIsTheCrossEntropyOverTheBatchKeys() {
        try (NDManager manager = NDManager.newBaseManager()) {
            JsonNode mocov3 = FRAMEWORKS.get("mocov3");
            double tau = mocov3.get("temperature").asDouble();
            NDArray q = unit(GoldenLosses.matrix(manager, mocov3.get("inputs").get("q1")));
            NDArray k = unit(GoldenLosses.matrix(manager, mocov3.get("inputs").get("k2")));
            assertThat(InfoNce.similarities(q, k, null, Candidates.BATCH).getShape().getShape()).containsExactly(4, 4);
            double ce = GoldenLosses.value(InfoNce.loss(q, k, null, tau, Candidates.BATCH));
            assertThat(2 * tau * ce).isCloseTo(mocov3.get("ctr_q1_k2").asDouble(), within(1e-6));
        }
    }

    private static NDArray unit(NDArray x) {
        return x.normalize(2, 1, 1e-12);
    }
}
