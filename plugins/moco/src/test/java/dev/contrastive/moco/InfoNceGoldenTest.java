package dev.contrastive.moco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.api.testing.GoldenLosses;
import org.junit.jupiter.api.Test;

/** MoCo's InfoNCE against PyTorch's float64 value in golden/loss/losses.json. */
class InfoNceGoldenTest {

    @Test
    void lossEqualsGoldenContrastiveValue() {
        JsonNode golden = GoldenLosses.read();
        JsonNode inputs = golden.get("inputs");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray loss = InfoNce.loss(GoldenLosses.matrix(manager, inputs.get("query")),
                    GoldenLosses.matrix(manager, inputs.get("key")), GoldenLosses.matrix(manager, inputs.get("queue")),
                    golden.get("tau").asDouble());
            assertThat(GoldenLosses.value(loss))
                    .isCloseTo(golden.get("moco").get("contrastive").asDouble(), within(1e-6));
        }
    }
}
