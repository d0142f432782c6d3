package dev.contrastive.api;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * A FIFO queue of embeddings, a ring buffer written in place: the newest batch overwrites the
 * oldest rows. MoCo's queue of keys, BYOL's optional queue of target projections. Starts as
 * random unit vectors, as MoCo's published code does.
 */
public final class EmbeddingQueue {

    private final NDArray rows;
    private final NDArray pointer;

    /**
     * @param manager the run's long-lived manager, which owns the queue
     * @param size number of rows {@code K}
     * @param dim embedding width {@code D}
     */
    public EmbeddingQueue(NDManager manager, int size, int dim) {
        this(manager, size, dim, DataType.FLOAT32);
    }

    /**
     * @param manager the run's long-lived manager, which owns the queue
     * @param size number of rows {@code K}
     * @param dim embedding width {@code D}
     * @param dataType the embeddings' type, {@link EncoderFactory#dataType()}
     * @since 0.3.0
     */
    public EmbeddingQueue(NDManager manager, int size, int dim, DataType dataType) {
        try (NDArray random = manager.randomNormal(0, 1, new Shape(size, dim), dataType)) {
            rows = random.div(random.norm(new int[] {1}, true));
        }
        pointer = manager.zeros(new Shape(1), DataType.INT64);
    }

    /** The queued embeddings, {@code K × D}; a live array, changed by {@link #enqueue}. */
    public NDArray rows() {
        return rows;
    }

    /** The ring position, kept as an array so it is checkpointed with the rows. */
    public NDArray pointer() {
        return pointer;
    }

    /** Writes a batch of embeddings over the oldest ones, wrapping around the end. */
    public void enqueue(NDArray batch) {
        int size = (int) rows.getShape().get(0);
        int n = (int) Math.min(batch.getShape().get(0), size);
        int start = (int) pointer.getLong();
        int first = Math.min(n, size - start);
        rows.set(new NDIndex("{}:{}", start, start + first), batch.get("0:{}", first));
        if (first < n) {
            rows.set(new NDIndex("0:{}", n - first), batch.get("{}:{}", first, n));
        }
        // a scalar made from a Java number would stay in the queue's manager: make it in a scratch one
        try (NDManager scratch = pointer.getManager().newSubManager()) {
            pointer.set(new NDIndex(0), scratch.create((long) ((start + n) % size)));
        }
    }
}
