package dev.contrastive.instdisc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.SplittableRandom;

/**
 * InstDisc's memory bank: one {@code D}-vector per training image, read by index and written with
 * momentum after each step. Its rows start uniform in {@code ±1/√(D/3)}, as the authors' code
 * (lemniscate.pytorch {@code NCEAverage}), so each has a norm near 1.
 */
final class MemoryBank {

    private final NDArray rows;

    /** A bank of the given live rows. */
    MemoryBank(NDArray rows) {
        this.rows = rows;
    }

    /** A bank of {@code images × dim} rows in {@code manager}, drawn from the engine's seeded generator. */
    static MemoryBank uniform(NDManager manager, int images, int dim, DataType dataType) {
        float bound = (float) (1 / Math.sqrt(dim / 3.0));
        return new MemoryBank(manager.randomUniform(-bound, bound, new Shape(images, dim), dataType));
    }

    /** The live rows, for checkpoints. */
    NDArray rows() {
        return rows;
    }

    /** Entries {@code count}. */
    int size() {
        return (int) rows.getShape().get(0);
    }

    /** Rows {@code indices} (int64), copied into {@code step}'s manager. */
    NDArray read(NDArray indices, NDManager step) {
        NDArray picked = rows.get(new NDIndex("{}", indices));
        picked.attach(step); // an op on the long-lived rows lands in their manager otherwise
        return picked;
    }

    /** {@code count} indices drawn uniformly with replacement, as the authors' unigram sampler. */
    NDArray draw(int count, SplittableRandom random, NDManager step) {
        int entries = size();
        long[] drawn = new long[count];
        for (int i = 0; i < count; i++) {
            drawn[i] = random.nextInt(entries);
        }
        return step.create(drawn);
    }

    /**
     * Writes {@code normalize(m · v + (1 − m) · f)} into rows {@code indices} (distinct, int64),
     * {@code f} the batch's embeddings.
     */
    void update(NDArray indices, NDArray embeddings, double momentum, NDManager step) {
        NDArray mixed = read(indices, step).mul(momentum).add(embeddings.stopGradient().mul(1 - momentum))
                .normalize(2, 1, 1e-12);
        rows.set(new NDIndex("{}", indices), mixed);
    }
}
