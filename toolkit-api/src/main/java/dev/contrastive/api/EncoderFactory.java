package dev.contrastive.api;

import ai.djl.ndarray.types.DataType;

/**
 * Builds encoders of the run's architecture (backbone plus projection head, as the run file's
 * {@code model:} section says: {@code head_hidden}, {@code head_dim}), initialised from the run's
 * seed. Implemented by the runtime; plugins call it.
 */
public interface EncoderFactory {

    /**
     * A new encoder whose projection head has no normalisation layer (MoCo v2, SimCLR).
     *
     * @param trainable whether its parameters receive gradients; a momentum (target) encoder is
     *     not trainable and is updated with {@link Encoder#followEma}
     * @return the encoder, owned by the run
     */
    default Encoder create(boolean trainable) {
        return create(trainable, false);
    }

    /**
     * A new encoder.
     *
     * @param trainable whether its parameters receive gradients
     * @param headBatchNorm BatchNorm after the projection head's hidden layer, as BYOL's heads
     *     have (BYOL collapses without it); encoders built alike have the same state names, so
     *     one can follow another's EMA
     * @return the encoder, owned by the run
     */
    Encoder create(boolean trainable, boolean headBatchNorm);

    /**
     * A new trainable MLP {@code inputSize → head_hidden → head_dim} with ReLU after the hidden
     * layer: BYOL's predictor, with {@code inputSize} the encoder's {@link Encoder#embeddingSize}.
     *
     * @param inputSize width of its input
     * @param batchNorm BatchNorm after the hidden layer
     */
    Head createHead(int inputSize, boolean batchNorm);

    /**
     * A new encoder whose projection head has {@code projector}'s layers; encoders built with equal
     * specs have the same state names. A factory that builds only the default heads refuses.
     *
     * @param trainable whether its parameters receive gradients
     * @throws UnsupportedOperationException if this factory builds only the default heads
     * @since 0.3.0
     */
    default Encoder create(boolean trainable, HeadSpec projector) {
        throw new UnsupportedOperationException(getClass().getName() + " builds only the default heads");
    }

    /**
     * A new trainable head of {@code spec}'s layers over inputs {@code inputSize} wide.
     *
     * @throws UnsupportedOperationException if this factory builds only the default heads
     * @since 0.3.0
     */
    default Head createHead(int inputSize, HeadSpec spec) {
        throw new UnsupportedOperationException(getClass().getName() + " builds only the default heads");
    }

    /**
     * The data type of the embeddings the encoders return; arrays an objective keeps beside them
     * (a queue of past keys) are made in it. The runtime's encoders compute in float32.
     *
     * @since 0.3.0
     */
    default DataType dataType() {
        return DataType.FLOAT32;
    }

    /**
     * Width of the default heads' hidden layer ({@code model.head_hidden}).
     *
     * @throws UnsupportedOperationException if this factory does not say
     * @since 0.3.1
     */
    default int headHidden() {
        throw new UnsupportedOperationException(getClass().getName() + " does not say its heads' sizes");
    }

    /**
     * Width of the default heads' output ({@code model.head_dim}).
     *
     * @throws UnsupportedOperationException if this factory does not say
     * @since 0.3.1
     */
    default int headDim() {
        throw new UnsupportedOperationException(getClass().getName() + " does not say its heads' sizes");
    }
}
