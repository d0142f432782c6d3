package dev.contrastive.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PyTorch's SGD with momentum and (coupled) weight decay, in place:
 * {@code d = g + wd·w; buf = μ·buf + d; w -= lr·buf}. Written here rather than taken from DJL
 * because DJL's update folds the learning rate into the momentum buffer, which changes the
 * dynamics under a schedule and breaks parity with the reference recipes.
 */
final class Sgd {

    /** Prefix of the names of the optimiser's arrays in a checkpoint. */
    static final String STATE_PREFIX = "optimizer.";

    private final List<Parameter> parameters;
    private final List<NDArray> buffers = new ArrayList<>();
    private final double momentum;
    private final double weightDecay;

    Sgd(List<Parameter> parameters, double momentum, double weightDecay, NDManager manager) {
        this.parameters = List.copyOf(parameters);
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        for (Parameter parameter : parameters) {
            buffers.add(manager.zeros(parameter.getArray().getShape()));
        }
    }

    /** Applies one update with the gradients of the last backward pass, then zeroes them. */
    void step(double lr) {
        for (int i = 0; i < parameters.size(); i++) {
            NDArray weight = parameters.get(i).getArray();
            NDArray buffer = buffers.get(i);
            try (NDArray grad = weight.getGradient(); NDArray decay = weight.mul(weightDecay)) {
                grad.addi(decay);
                buffer.muli(momentum).addi(grad);
                grad.subi(grad);
            }
            try (NDArray delta = buffer.mul(lr)) {
                weight.subi(delta);
            }
        }
    }

    /** Momentum buffers by parameter position, for checkpoints. */
    Map<String, NDArray> state() {
        Map<String, NDArray> state = new LinkedHashMap<>();
        for (int i = 0; i < buffers.size(); i++) {
            state.put(STATE_PREFIX + "momentum." + i, buffers.get(i));
        }
        return state;
    }
}
