package dev.contrastive.moco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.File;

/** MoCo's InfoNCE against PyTorch's float64 value in shared/golden/loss/losses.json. */
class InfoNceGoldenTest {

    static JsonNode golden() throws Exception {
        return new ObjectMapper().readTree(
                new File(System.getProperty("shared.dir"), "golden/loss/losses.json"));
    }

    static NDArray matrix(NDManager manager, JsonNode rows) {
        int n = rows.size();
        int d = rows.get(0).size();
        double[] values = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                values[i * d + j] = rows.get(i).get(j).asDouble();
            }
        }
        return manager.create(values, new Shape(n, d));
    }

    @Test
    void lossEqualsGoldenContrastiveValue() throws Exception {
        JsonNode golden = golden();
        JsonNode inputs = golden.get("inputs");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray loss = InfoNce.loss(matrix(manager, inputs.get("query")),
                    matrix(manager, inputs.get("key")), matrix(manager, inputs.get("queue")),
                    golden.get("tau").asDouble());
            assertThat(loss.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble())
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
