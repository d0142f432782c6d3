package dev.contrastive.api;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A handle on one encoder: a backbone (for example a ResNet-18) followed by a projection head.
 * Arrays it returns belong to the manager of the input images. The runtime uses an encoder only
 * through this interface: training and evaluation through {@link #encode} and {@link #features},
 * export through {@link #backboneBlock} and {@link #headBlock}, so an objective may return an
 * encoder of its own from {@code onlineEncoder()}.
 */
public interface Encoder {

    /**
     * What one forward pass computes on the way to the embedding. A class with a factory rather
     * than a record, so that a part added later does not change a constructor encoders call.
     */
    final class Encoding {

        private final NDArray features;
        private final NDArray projection;
        private final NDArray embedding;

        private Encoding(NDArray features, NDArray projection, NDArray embedding) {
            this.features = features;
            this.projection = projection;
            this.embedding = embedding;
        }

        /**
         * @param features {@code N × F} backbone features (before the head)
         * @param projection {@code N × D}: the head's output, not normalised (what a predictor takes)
         * @param embedding {@code N × D} unit vectors: the projection, L2-normalised
         * @since 0.3.0
         */
        public static Encoding of(NDArray features, NDArray projection, NDArray embedding) {
            return new Encoding(features, projection, embedding);
        }

        /** {@code N × F} backbone features (before the head). */
        public NDArray features() {
            return features;
        }

        /** {@code N × D}: the head's output, not normalised. */
        public NDArray projection() {
            return projection;
        }

        /** {@code N × D} unit vectors: the projection, L2-normalised. */
        public NDArray embedding() {
            return embedding;
        }
    }

    /**
     * Encodes images: backbone, head, then L2 normalisation along the feature axis.
     *
     * @param images {@code N × C × H × W}, normalised
     * @param training batch statistics in BatchNorm (and running-statistics updates) when true
     * @return features and embedding; with gradients when called inside the trainer's collector on
     *     a trainable encoder
     */
    Encoding encode(NDArray images, boolean training);

    /** The embedding of {@link #encode}: {@code N × D} unit vectors. */
    default NDArray embed(NDArray images, boolean training) {
        return encode(images, training).embedding();
    }

    /**
     * Backbone features (before the head), in inference mode, without gradients; what the kNN
     * monitor and the linear probe evaluate.
     *
     * @param images {@code N × C × H × W}, normalised
     * @return {@code N × F} features, not normalised
     */
    NDArray features(NDArray images);

    /** Length {@code D} of the embeddings {@link #embed} returns. */
    int embeddingSize();

    /** Length {@code F} of the backbone features {@link #features} returns. */
    int featureSize();

    /** The parameters the optimiser updates; empty for a non-trainable encoder. */
    List<Parameter> trainableParameters();

    /** Sets every parameter and BatchNorm statistic to {@code source}'s (same architecture). */
    void copyFrom(Encoder source);

    /**
     * Exponential moving average of {@code source}'s learnable parameters:
     * {@code this = momentum * this + (1 - momentum) * source}, in place, leaking no arrays.
     */
    void followEma(Encoder source, double momentum);

    /** Every parameter and statistic by a stable name, for checkpoints (live arrays, not copies). */
    Map<String, NDArray> state();

    /**
     * The backbone as one DJL block, images to the features {@link #features} returns, its
     * parameters live: what the runtime exports ({@code encoder.params}, {@code encoder.safetensors},
     * a DJL model folder) and what {@code toolkit embed} runs. It must have the run's
     * {@code model:} architecture, as the encoders of {@link BaseContext#encoder} do. The runtime
     * refuses a run whose online encoder has none at its start.
     *
     * @return the block, or empty when the encoder is not one DJL block (the default)
     * @since 0.3.0
     */
    default Optional<Block> backboneBlock() {
        return Optional.empty();
    }

    /**
     * The projection head as one DJL block, features to the projection (not normalised), its
     * parameters live: the head of the DJL model folder a run writes. The runtime refuses a run
     * whose online encoder has none at its start.
     *
     * @return the block, or empty when the encoder is not made of DJL blocks (the default)
     * @since 0.3.0
     */
    default Optional<Block> headBlock() {
        return Optional.empty();
    }

    /**
     * The layers the projection head was built from, for a description of the model that rebuilds
     * it (the DJL model folder's {@code serving.properties}).
     *
     * @return the spec, or empty when the head was not built from one (the default)
     * @since 0.3.1
     */
    default Optional<HeadSpec> headSpec() {
        return Optional.empty();
    }
}
