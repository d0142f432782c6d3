package dev.contrastive.api.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import dev.contrastive.api.Encoder;
import dev.contrastive.api.EncoderFactory;
import dev.contrastive.api.Head;

import java.util.List;
import java.util.Map;

/**
 * An {@link EncoderFactory} of identities in float64, for golden tests of a whole objective
 * chain: the "images" of a view are already its {@code N × D} embeddings (as in the official CLSA
 * code run with its encoders replaced by identities), so an objective's losses can be compared
 * with a reference's values on the same inputs. Encoders have no parameters; a head cannot be built.
 */
public final class IdentityEncoders implements EncoderFactory {

    private final int dim;

    /** @param dim the embeddings' width {@code D} */
    public IdentityEncoders(int dim) {
        this.dim = dim;
    }

    @Override
    public Encoder create(boolean trainable, boolean headBatchNorm) {
        return new Encoder() {
            @Override
            public Encoding encode(NDArray images, boolean training) {
                return Encoding.of(images, images, images.normalize(2, 1, 1e-12));
            }

            @Override
            public NDArray features(NDArray images) {
                return images;
            }

            @Override
            public int embeddingSize() {
                return dim;
            }

            @Override
            public int featureSize() {
                return dim;
            }

            @Override
            public List<Parameter> trainableParameters() {
                return List.of();
            }

            @Override
            public void copyFrom(Encoder source) {
            }

            @Override
            public void followEma(Encoder source, double momentum) {
            }

            @Override
            public Map<String, NDArray> state() {
                return Map.of();
            }
        };
    }

    @Override
    public Head createHead(int inputSize, boolean batchNorm) {
        throw new AssertionError("an identity encoder has no heads");
    }

    @Override
    public DataType dataType() {
        return DataType.FLOAT64;
    }
}
