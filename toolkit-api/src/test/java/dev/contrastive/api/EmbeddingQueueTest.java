package dev.contrastive.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class EmbeddingQueueTest {

    @Test
    void startsAsUnitRowsThenOverwritesTheOldestAndWraps() {
        try (NDManager manager = NDManager.newBaseManager()) {
            EmbeddingQueue queue = new EmbeddingQueue(manager, 5, 2);
            for (float norm : queue.rows().norm(new int[] {1}).toFloatArray()) {
                assertThat(norm).isCloseTo(1f, within(1e-5f));
            }
            queue.enqueue(manager.create(new float[] {1, 1, 2, 2, 3, 3}, new Shape(3, 2)));
            queue.enqueue(manager.create(new float[] {4, 4, 5, 5, 6, 6}, new Shape(3, 2)));
            // slots 0..4 held 1,2,3,4,5; then 6 wrapped around onto slot 0
            assertThat(queue.rows().get(":, 0").toFloatArray()).containsExactly(6, 2, 3, 4, 5);
            assertThat(queue.pointer().getLong()).isEqualTo(1);
        }
    }
}
