package dev.contrastive.api;

/**
 * Builds encoders of the run's architecture (backbone plus projection head, as the run file's
 * {@code model:} section says), initialised from the run's seed.
 */
public interface EncoderFactory {

    /**
     * A new encoder.
     *
     * @param trainable whether its parameters receive gradients; a momentum (target) encoder is
     *     not trainable and is updated with {@link Encoder#followEma}
     * @return the encoder, owned by the run
     */
    Encoder create(boolean trainable);

    /**
     * A new encoder whose projection is followed by a prediction MLP of the head's shape, as the
     * online branch of BYOL uses.
     *
     * @return a trainable encoder with predictor
     */
    Encoder createWithPredictor();
}
