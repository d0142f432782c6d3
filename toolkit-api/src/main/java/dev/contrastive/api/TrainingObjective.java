package dev.contrastive.api;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;

import java.util.List;
import java.util.Map;

/**
 * The objective of one run, built by a {@link ContrastiveObjective}. The trainer calls, for each
 * step: {@link #beforeStep} on every objective of the chain, {@link #forward} of the outermost
 * inside a gradient collector, backward on the loss, the optimiser update of
 * {@link #trainableParameters()}, then {@link #afterStep} outside the collector. One thread
 * calls these, in that order.
 *
 * <p>An add-on wraps another objective and delegates everything it does not change, except
 * {@link #beforeStep}, which the runtime calls on each objective itself.
 */
public interface TrainingObjective extends AutoCloseable {

    /**
     * The views every batch must carry. A base lists its weak query view first: the view whose
     * online embeddings {@link StepResult#weakQueries()} are, and whose policies and crop an
     * add-on extends for views of its own (CLSA's strong views). An add-on appends its views to
     * the base's.
     */
    List<ViewRequest> views();

    /**
     * Told where the run stands before each step, e.g. for a momentum schedule over the run. The
     * runtime calls it on every objective of the chain (an add-on does not forward it). The
     * default ignores it.
     */
    default void beforeStep(TrainingProgress progress) {
    }

    /**
     * Computes the loss of one batch, in training mode.
     *
     * @param batch the views requested by {@link #views()}
     * @return the loss, its terms, and what add-ons need
     */
    StepResult forward(ViewBatch batch);

    /**
     * The online query path, with gradients, in training mode: the path the weak queries of
     * {@link StepResult#weakQueries()} took (MoCo and SimCLR: the online encoder and its head;
     * BYOL: encoder, projector and predictor). An add-on embeds its own views with it, so that
     * they are compared with the weak queries like for like. The default is
     * {@code onlineEncoder().embed(images, true)}; an add-on delegates it to what it wraps.
     *
     * @param images {@code N × C × H × W}, normalised
     * @return {@code N × D} unit vectors
     */
    default NDArray embedQuery(NDArray images) {
        return onlineEncoder().embed(images, true);
    }

    /**
     * Whether {@link StepResult#bank()} is set by every {@link #forward}: an add-on that compares
     * distributions over the base's candidates (CLSA) refuses a base without one when the run
     * starts. The default is {@code false}; an add-on delegates it.
     */
    default boolean providesBank() {
        return false;
    }

    /**
     * Whether the bank of every step also answers {@link RepresentationBank#contrastiveLoss}: an
     * add-on that contrasts queries of its own against the base's positives (CLSA's extra weak
     * crops, strong views as positives) refuses a base without one when the run starts. The
     * default is {@code false}; an add-on delegates it.
     *
     * @since 0.3.0
     */
    default boolean providesContrastiveLoss() {
        return false;
    }

    /**
     * Runs the updates that follow the optimiser step, without gradients: momentum encoders,
     * queues. Arrays of the step's batch are still open here.
     *
     * @param step what {@link #forward} returned for this step
     */
    void afterStep(StepResult step);

    /**
     * The encoder whose backbone is evaluated (kNN, linear probe) and exported. Not always the
     * whole query path: BYOL's predictor is part of {@link #embedQuery} but not of this encoder.
     */
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
