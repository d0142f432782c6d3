package dev.contrastive.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.contrastive.api.Encoder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An {@link Encoder} made of DJL blocks: backbone, then a chain of heads. */
final class BlockEncoder implements Encoder {

    private final Block backbone;
    private final List<Block> heads;
    private final int featureSize;
    private final int embeddingSize;
    private final ParameterStore store;

    BlockEncoder(Block backbone, int featureSize, List<Block> heads, int embeddingSize, ParameterStore store) {
        this.backbone = backbone;
        this.featureSize = featureSize;
        this.heads = List.copyOf(heads);
        this.embeddingSize = embeddingSize;
        this.store = store;
    }

    @Override
    public Encoding encode(NDArray images, boolean training) {
        NDList features = backbone.forward(store, new NDList(images), training);
        NDList x = features;
        for (Block head : heads) {
            x = head.forward(store, x, training);
        }
        // torch's F.normalize, x / max(|x|, eps), in one native op: the reference's normalisation,
        // and no Java-made scalar tensor in the autograd graph (see Scalars).
        return new Encoding(features.singletonOrThrow(), x.singletonOrThrow().normalize(2, 1, 1e-12));
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
        List<Parameter> trainable = new ArrayList<>();
        for (Parameter parameter : parameters().values()) {
            if (parameter.requiresGradient()) {
                trainable.add(parameter);
            }
        }
        return trainable;
    }

    @Override
    public void copyFrom(Encoder source) {
        Map<String, NDArray> from = source.state();
        state().forEach((name, array) -> from.get(name).copyTo(array));
    }

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
        Map<String, NDArray> state = new LinkedHashMap<>();
        parameters().forEach((name, parameter) -> state.put(name, parameter.getArray()));
        return state;
    }

    /** The backbone alone, for exporting the trained encoder. */
    Block backbone() {
        return backbone;
    }

    private Map<String, Parameter> parameters() {
        Map<String, Parameter> all = new LinkedHashMap<>();
        backbone.getParameters().forEach(p -> all.put("backbone." + p.getKey(), p.getValue()));
        for (int i = 0; i < heads.size(); i++) {
            String prefix = "head" + i + ".";
            heads.get(i).getParameters().forEach(p -> all.put(prefix + p.getKey(), p.getValue()));
        }
        return all;
    }
}
