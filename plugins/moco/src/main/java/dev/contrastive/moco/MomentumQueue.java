package dev.contrastive.moco;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * MoCo's FIFO queue of key embeddings, a ring buffer written in place: the newest batch
 * overwrites the oldest keys. Starts as random unit vectors, as the published code does.
 */
final class MomentumQueue {

    private final NDArray keys;
    private final NDArray pointer;

    MomentumQueue(NDManager manager, int size, int dim) {
        try (NDArray random = manager.randomNormal(new Shape(size, dim))) {
            keys = random.div(random.norm(new int[] {1}, true));
        }
        pointer = manager.zeros(new Shape(1), ai.djl.ndarray.types.DataType.INT64);
    }

    /** The queued keys, {@code K × D}; a live array, changed by {@link #enqueue}. */
    NDArray keys() {
        return keys;
    }

    /** The ring position, kept as an array so it is checkpointed with the keys. */
    NDArray pointer() {
        return pointer;
    }

    /** Writes a batch of keys over the oldest ones, wrapping around the end. */
    void enqueue(NDArray batch) {
        int size = (int) keys.getShape().get(0);
        int n = (int) Math.min(batch.getShape().get(0), size);
        int start = (int) pointer.getLong();
        int first = Math.min(n, size - start);
        keys.set(new NDIndex("{}:{}", start, start + first), batch.get("0:{}", first));
        if (first < n) {
            keys.set(new NDIndex("0:{}", n - first), batch.get("{}:{}", first, n));
        }
        // a scalar made from a Java number would stay in the queue's manager: make it in a scratch one
        try (NDManager scratch = pointer.getManager().newSubManager()) {
            pointer.set(new NDIndex(0), scratch.create((long) ((start + n) % size)));
        }
    }
}
