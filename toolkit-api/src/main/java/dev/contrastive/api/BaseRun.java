package dev.contrastive.api;

import ai.djl.ndarray.NDArray;

import java.util.List;
import java.util.function.Function;

/**
 * A base objective's part of one run. The runtime calls, for each step: {@link #beforeStep}, then
 * {@link #forward} inside a gradient collector (add-ons' terms are added to its result), backward
 * on the loss, the optimiser update of every trainable part the {@link BaseContext} made, the
 * momentum teachers' EMA, then {@link #afterStep} outside the collector. One thread calls these,
 * in that order.
 *
 * @since 0.3.0
 */
public interface BaseRun extends AutoCloseable {

    /**
     * The views every batch must carry, the weak query view first: the view whose online
     * embeddings {@link StepResult#weakQueries()} are, and whose policies and crop an add-on
     * extends for views of its own (CLSA's strong views).
     */
    List<ViewRequest> views();

    /** Told where the run stands before each step; the default ignores it. */
    default void beforeStep(TrainingProgress progress) {
    }

    /**
     * Computes the loss of one batch, in training mode.
     *
     * @param batch the views requested by {@link #views()}
     * @return the loss, its terms, and what add-ons need (weak queries, features, bank)
     */
    StepResult forward(ViewBatch batch);

    /**
     * The online query path, with gradients, in training mode: the path the weak queries of
     * {@link StepResult#weakQueries()} took (MoCo and SimCLR: the online encoder and its head;
     * BYOL: encoder, projector and predictor). An add-on embeds its own views with it. The
     * default is {@code onlineEncoder().embed(images, true)}.
     *
     * @param images {@code N × C × H × W}, normalised
     * @return {@code N × D} unit vectors
     */
    default NDArray embedQuery(NDArray images) {
        return onlineEncoder().embed(images, true);
    }

    /**
     * Whether {@link StepResult#bank()} is set by every {@link #forward}: an add-on that compares
     * distributions over the base's candidates (CLSA) refuses a base without one. Default false.
     */
    default boolean providesBank() {
        return false;
    }

    /**
     * Whether the bank of every step also answers {@link RepresentationBank#contrastiveLoss}.
     * Default false.
     */
    default boolean providesContrastiveLoss() {
        return false;
    }

    /**
     * Runs the updates that follow the optimiser step and the teachers' EMA, without gradients:
     * queues. Arrays of the step's batch are still open here. The default does nothing.
     */
    default void afterStep() {
    }

    /**
     * The encoder whose backbone is evaluated (kNN, linear probe) and exported. Not always the
     * whole query path: BYOL's predictor is part of {@link #embedQuery} but not of this encoder.
     */
    Encoder onlineEncoder();

    /** Releases native memory the run made itself; the default does nothing. */
    @Override
    default void close() {
    }

    /**
     * A run of the online query path {@code online.embed(images, true)} whose steps are
     * {@code forward}'s, without a bank: for a base that needs nothing after its steps.
     *
     * @param views the views, the weak query view first
     * @param online the encoder evaluated and exported, whose embeddings are the weak queries
     * @param forward one step's result
     */
    static BaseRun of(List<ViewRequest> views, Encoder online, Function<ViewBatch, StepResult> forward) {
        return new FunctionRun(views, online, forward, false);
    }

    /**
     * As {@link #of}, for a base whose every step carries a bank that answers further queries
     * ({@link #providesBank()} and {@link #providesContrastiveLoss()}), as SimCLR's does.
     */
    static BaseRun withBank(List<ViewRequest> views, Encoder online, Function<ViewBatch, StepResult> forward) {
        return new FunctionRun(views, online, forward, true);
    }
}
