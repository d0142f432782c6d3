package dev.contrastive.api.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parameters of DJL blocks by stable names: what encoders and heads checkpoint and train. */
final class BlockParameters {

    private BlockParameters() {
    }

    /** {@code block}'s parameters, in order, each name prefixed with {@code prefix}. */
    static Map<String, Parameter> named(String prefix, Block block) {
        Map<String, Parameter> named = new LinkedHashMap<>();
        block.getParameters().forEach(p -> named.put(prefix + p.getKey(), p.getValue()));
        return named;
    }

    /** Those that receive gradients. */
    static List<Parameter> trainable(Map<String, Parameter> parameters) {
        List<Parameter> trainable = new ArrayList<>();
        for (Parameter parameter : parameters.values()) {
            if (parameter.requiresGradient()) {
                trainable.add(parameter);
            }
        }
        return trainable;
    }

    /** Their live arrays by the same names. */
    static Map<String, NDArray> arrays(Map<String, Parameter> parameters) {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        parameters.forEach((name, parameter) -> arrays.put(name, parameter.getArray()));
        return arrays;
    }
}
