package dev.contrastive.runtime.library;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Which encoder {@link ContrastiveToolkit#evaluate} measures, and with which probes: an immutable
 * value built from {@link #lastCheckpoint()}, so that later options add methods, never change one.
 */
public final class EvalRequest {

    private final Path checkpoint;
    private final boolean initialWeights;
    private final boolean knn;
    private final boolean linear;

    private EvalRequest(Path checkpoint, boolean initialWeights, boolean knn, boolean linear) {
        this.checkpoint = checkpoint;
        this.initialWeights = initialWeights;
        this.knn = knn;
        this.linear = linear;
    }

    /** The run's last checkpoint (or its newest intact epoch checkpoint), both the kNN monitor and the linear probe. */
    public static EvalRequest lastCheckpoint() {
        return new EvalRequest(null, false, true, true);
    }

    /** This checkpoint file instead of the last one. */
    public EvalRequest checkpoint(Path file) {
        return new EvalRequest(Objects.requireNonNull(file, "file"), false, knn, linear);
    }

    /** The freshly initialised encoder its seed gives, before any step: the baseline a trained one has to beat. */
    public EvalRequest initialWeights() {
        return new EvalRequest(null, true, knn, linear);
    }

    /** The kNN monitor alone. */
    public EvalRequest knnOnly() {
        return new EvalRequest(checkpoint, initialWeights, true, false);
    }

    /** The linear probe alone. */
    public EvalRequest linearOnly() {
        return new EvalRequest(checkpoint, initialWeights, false, true);
    }

    /** The checkpoint file asked for, or null for the last one (or for {@link #initialWeights()}). */
    public Path checkpointFile() {
        return checkpoint;
    }

    /** Whether the initial weights are measured. */
    public boolean isInitialWeights() {
        return initialWeights;
    }

    /** Whether the kNN monitor runs. */
    public boolean knn() {
        return knn;
    }

    /** Whether the linear probe runs. */
    public boolean linear() {
        return linear;
    }
}
