package dev.contrastive.api;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * What the runtime hands a {@link BaseObjective} when a run starts: the run's facts, and the
 * factory of its trainable parts. Everything made here is the runtime's to train, update and
 * checkpoint: an encoder's and a head's parameters go to the optimiser in the order they were
 * made, a teacher follows its online encoder after every step, and every part's state is saved
 * under {@code name + "."}. Implemented by the runtime and the test kit; plugins only call it, so
 * methods added later break no plugin.
 *
 * @since 0.3.0
 */
public interface BaseContext {

    /** The objective's own run-file section, for errors at its keys. */
    ConfigSection config();

    /**
     * An error about any key of the run file, located at its line (or the nearest written
     * ancestor), ready to throw, e.g. {@code error("train.batch_size", "SimCLR needs at least 2")}.
     */
    ConfigException error(String key, String message);

    /** Images per training batch. */
    int batchSize();

    /**
     * Images in the training set, after {@code data.limit}: the rows of a bank that keeps an entry
     * per image (InstDisc's), indexed by {@link ViewBatch#indices()}.
     *
     * @throws UnsupportedOperationException if this host does not say
     * @since 0.3.1
     */
    default int datasetSize() {
        throw new UnsupportedOperationException("this host does not say the data set's size");
    }

    /** Side of the data set's (square) images in pixels. */
    int imageSize();

    /** Channels of the data set's images (1 grey, 3 RGB). */
    int channels();

    /**
     * A view through the run's weak policies ({@code weak}, then {@code augment.weak.then}) at full
     * image size with the crop scale of {@code augment.weak.scale}.
     */
    ViewRequest weakView(String name);

    /**
     * Long-lived manager for state the objective keeps across steps; per-step arrays belong to the
     * batch's manager instead.
     */
    NDManager manager();

    /** The data type of the encoders' embeddings, for arrays kept beside them (a queue of keys). */
    DataType dataType();

    /**
     * A trainable encoder of the run's architecture, its projection head without normalisation
     * (MoCo v2, SimCLR), saved under {@code name}.
     */
    default Encoder encoder(String name) {
        return encoder(name, false);
    }

    /**
     * A trainable encoder, saved under {@code name}.
     *
     * @param headBatchNorm BatchNorm after the projection head's hidden layer (BYOL's heads)
     */
    Encoder encoder(String name, boolean headBatchNorm);

    /**
     * A momentum teacher: a copy of {@code online} (an encoder made here), without gradients,
     * which the runtime moves towards {@code online} by EMA after every optimiser step with the
     * schedule's momentum, saved under {@code name}.
     */
    Encoder teacher(String name, Encoder online, Momentum momentum);

    /**
     * A momentum teacher of a head: a copy of {@code online} (a head made here), without
     * gradients, which the runtime moves towards {@code online} by EMA after every optimiser step
     * with the schedule's momentum, as {@link #teacher(String, Encoder, Momentum)} does for an
     * encoder (DINO's prototype layer, kept apart from the exported head); saved under
     * {@code name}.
     *
     * @throws IllegalArgumentException if {@code online} was not made here
     * @throws UnsupportedOperationException if this host has no teachers of heads
     * @since 0.3.1
     */
    default Head teacher(String name, Head online, Momentum momentum) {
        throw new UnsupportedOperationException("this host makes teachers of encoders only");
    }

    /**
     * A trainable MLP {@code inputSize → head_hidden → head_dim} with ReLU after the hidden layer
     * (BYOL's predictor), saved under {@code name}.
     *
     * @param batchNorm BatchNorm after the hidden layer
     */
    Head head(String name, int inputSize, boolean batchNorm);

    /**
     * A trainable encoder whose projection head has {@code projector}'s layers (a plugin's
     * {@code projector:} setting), saved under {@code name}; its teacher is built alike.
     *
     * @throws ConfigException if the head does not fit the backbone's features, at the layer's line
     *     when the spec came from {@link HeadSpec#fromConfig}
     * @since 0.3.0
     */
    default Encoder encoder(String name, HeadSpec projector) {
        throw new UnsupportedOperationException("this host builds only the default heads");
    }

    /**
     * A trainable head of {@code spec}'s layers over inputs {@code inputSize} wide (a plugin's
     * {@code predictor:} setting), saved under {@code name}.
     *
     * @throws ConfigException if the head does not fit its input, as {@link #encoder(String, HeadSpec)}
     * @since 0.3.0
     */
    default Head head(String name, int inputSize, HeadSpec spec) {
        throw new UnsupportedOperationException("this host builds only the default heads");
    }

    /**
     * Width of the default heads' hidden layer, the run's {@code model.head_hidden}: for a plugin
     * that builds a {@link HeadSpec} of its own in the run's sizes (SimSiam's three-layer projector).
     *
     * @throws UnsupportedOperationException if this host does not say
     * @since 0.3.1
     */
    default int headHidden() {
        throw new UnsupportedOperationException("this host does not say its heads' sizes");
    }

    /**
     * Width of the default heads' output, the run's {@code model.head_dim}, as {@link #headHidden}.
     *
     * @throws UnsupportedOperationException if this host does not say
     * @since 0.3.1
     */
    default int headDim() {
        throw new UnsupportedOperationException("this host does not say its heads' sizes");
    }

    /**
     * Trains {@code head}'s parameters at the run's peak learning rate at every step, outside the
     * warm-up and decay of the schedule the rest of the run follows (SimSiam's fixed predictor
     * learning rate). The head must have been made by this context.
     *
     * @throws IllegalArgumentException if {@code head} was not made here
     * @throws UnsupportedOperationException if this host schedules every part alike
     * @since 0.3.1
     */
    default void holdLearningRate(Head head) {
        throw new UnsupportedOperationException("this host schedules every part's learning rate alike");
    }

    /**
     * Further state to checkpoint under exactly {@code name}: a live array the objective updates in
     * place (a queue's rows and pointer).
     *
     * @throws IllegalArgumentException if another part of the run already saves that name
     */
    void state(String name, NDArray live);
}
