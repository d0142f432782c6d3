package dev.contrastive.api.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.api.testing.GoldenLosses;
import org.junit.jupiter.api.Test;

/** BYOL's regression against PyTorch's float64 value in golden/loss/losses.json and a closed form. */
class CosineRegressionGoldenTest {

    private static final JsonNode GOLDEN = GoldenLosses.read();

    @Test
    void regressionEqualsGoldenValue() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray loss = CosineRegression.loss(input(manager, "query"), input(manager, "key"));
            assertThat(GoldenLosses.value(loss)).isCloseTo(GOLDEN.get("byol").get("regression").asDouble(), within(1e-6));
        }
    }

    @Test
    void aPredictionOnItsTargetCostsNothingAndItsOppositeFour() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray target = input(manager, "key");
            assertThat(GoldenLosses.value(CosineRegression.loss(target, target))).isCloseTo(0, within(1e-6));
            assertThat(GoldenLosses.value(CosineRegression.loss(target.neg(), target))).isCloseTo(4, within(1e-6));
        }
    }

    private static NDArray input(NDManager manager, String name) {
        return GoldenLosses.matrix(manager, GOLDEN.get("inputs").get(name));
    }
}
