package dev.contrastive.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an optimiser updates: each parameter with its state name (the name its array is saved
 * under, which names the optimiser's buffers for it) and whether it is held at the peak learning
 * rate ({@code BaseContext.holdLearningRate}: SimSiam's predictor).
 */
record TrainedParameters(List<Parameter> parameters, List<String> names, boolean[] held) {

    /**
     * @param named the state that saves the parameters, each array under its name
     * @throws IllegalStateException if a parameter is saved under no name
     */
    static TrainedParameters of(List<Parameter> parameters, Map<String, NDArray> named, List<Parameter> heldAtPeak) {
        Map<NDArray, String> nameOf = new IdentityHashMap<>();
        named.forEach((name, array) -> nameOf.putIfAbsent(array, name));
        List<String> names = new ArrayList<>();
        boolean[] held = new boolean[parameters.size()];
        for (int i = 0; i < held.length; i++) {
            Parameter parameter = parameters.get(i);
            held[i] = heldAtPeak.stream().anyMatch(p -> p == parameter);
            String name = nameOf.get(parameter.getArray());
            if (name == null) {
                throw new IllegalStateException("the trainable parameter " + parameter.getName()
                        + " is saved under no state name, so its optimiser state could not be restored");
            }
            names.add(name);
        }
        return new TrainedParameters(List.copyOf(parameters), List.copyOf(names), held);
    }

    int size() {
        return parameters.size();
    }

    NDArray array(int i) {
        return parameters.get(i).getArray();
    }

    /** The learning rate of parameter {@code i} at a step whose schedule gives {@code lr}. */
    double lr(int i, double lr, double peak) {
        return held[i] ? peak : lr;
    }
}
