package dev.contrastive.moco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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

    @Test
    void queueOverwritesOldestKeysAndWraps() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MomentumQueue queue = new MomentumQueue(manager, 5, 2);
            queue.enqueue(manager.create(new float[] {1, 1, 2, 2, 3, 3}, new Shape(3, 2)));
            queue.enqueue(manager.create(new float[] {4, 4, 5, 5, 6, 6}, new Shape(3, 2)));
            float[] keys = queue.keys().get(":, 0").toFloatArray();
            // slots 0..4 held 1,2,3,4,5; then 6 wrapped around onto slot 0
            assertThat(keys).containsExactly(6, 2, 3, 4, 5);
            assertThat(queue.pointer().getLong()).isEqualTo(1);
        }
    }
}
