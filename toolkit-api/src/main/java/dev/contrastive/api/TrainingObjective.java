package dev.contrastive.api;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;

import java.util.List;
import java.util.Map;

/**
 * The objective of one run, built by a {@link ContrastiveObjective}. The trainer calls, for each
 * step: {@link #forward} inside a gradient collector, backward on the loss, the optimiser update
 * of {@link #trainableParameters()}, then {@link #afterStep} outside the collector.
 *
 * <p>An add-on wraps another objective and delegates everything it does not change.
 */
public interface TrainingObjective extends AutoCloseable {

    /** The views every batch must carry. */
    List<ViewRequest> views();

    /**
     * Computes the loss of one batch, in training mode.
     *
     * @param batch the views requested by {@link #views()}
     * @return the loss, its terms, and what add-ons need
     */
    StepResult forward(ViewBatch batch);

    /**
     * Runs the updates that follow the optimiser step, without gradients: momentum encoders,
     * queues. Arrays of the step's batch are still open here.
     *
     * @param step what {@link #forward} returned for this step
     */
    void afterStep(StepResult step);

    /** The encoder whose backbone is evaluated (kNN, linear probe) and exported. */
    Encoder onlineEncoder();

    /** The parameters the optimiser updates. */
    List<Parameter> trainableParameters();

    /** Live arrays of all state to checkpoint (encoders, queues), by stable names. */
    Map<String, NDArray> state();

    /** Releases native memory; the default does nothing. */
    @Override
    default void close() {
    }
}
