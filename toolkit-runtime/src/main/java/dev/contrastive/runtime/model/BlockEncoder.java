package dev.contrastive.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.contrastive.api.Encoder;

import java.util.List;
import java.util.Map;

/** An {@link Encoder} made of DJL blocks: backbone, then a projection head. */
final class BlockEncoder implements Encoder {

    /** The head's name prefix, from when an encoder could carry several heads: old checkpoints keep it. */
    private static final String HEAD_PREFIX = "head0.";

    private final Block backbone;
    private final Block head;
    private final int featureSize;
    private final int embeddingSize;
    private final ParameterStore store;

    BlockEncoder(Block backbone, int featureSize, Block head, int embeddingSize, ParameterStore store) {
        this.backbone = backbone;
        this.featureSize = featureSize;
        this.head = head;
        this.embeddingSize = embeddingSize;
        this.store = store;
    }

    @Override
    public Encoding encode(NDArray images, boolean training) {
        NDArray features = backbone.forward(store, new NDList(images), training).singletonOrThrow();
        NDArray projection = head.forward(store, new NDList(features), training).singletonOrThrow();
        // torch's F.normalize, x / max(|x|, eps), in one native op: the reference's normalisation,
        // and no Java-made scalar tensor in the autograd graph (see Scalars).
        return new Encoding(features, projection, projection.normalize(2, 1, 1e-12));
    }

    @Override
    public NDArray features(NDArray images) {
        return backbone.forward(store, new NDList(images), false).singletonOrThrow();
    }

    @Override
    public int embeddingSize() {
        return embeddingSize;
    }

    @Override
    public int featureSize() {
        return featureSize;
    }

    @Override
    public List<Parameter> trainableParameters() {
        return BlockParameters.trainable(parameters());
    }

    @Override
    public void copyFrom(Encoder source) {
        Map<String, NDArray> from = source.state();
        state().forEach((name, array) -> from.get(name).copyTo(array));
    }

    /** Matches parameters by name: encoders built with the same head settings have the same names. */
    @Override
    public void followEma(Encoder source, double momentum) {
        Map<String, Parameter> from = ((BlockEncoder) source).parameters();
        parameters().forEach((name, target) -> {
            Parameter online = from.get(name);
            if (online.requiresGradient()) {
                NDArray t = target.getArray();
                try (NDArray scaled = online.getArray().mul(1 - momentum)) {
                    t.muli(momentum).addi(scaled);
                }
            }
        });
    }

    @Override
    public Map<String, NDArray> state() {
        return BlockParameters.arrays(parameters());
    }

    /** The backbone alone, for exporting the trained encoder. */
    Block backbone() {
        return backbone;
    }

    private Map<String, Parameter> parameters() {
        Map<String, Parameter> all = BlockParameters.named("backbone.", backbone);
        all.putAll(BlockParameters.named(HEAD_PREFIX, head));
        return all;
    }
}
