package dev.contrastive.api;

import ai.djl.ndarray.NDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one forward pass of an objective chain produced.
 *
 * @param loss the scalar to minimise (the sum of all terms, weights applied)
 * @param terms named scalar terms for logging, e.g. {@code L_C}, {@code L_D}; insertion-ordered
 * @param weakQueries the base's online embeddings of the weak query view, {@code N × D} unit
 *     vectors with gradients
 * @param weakFeatures the online backbone's features of the same view, {@code N × F}, detached:
 *     what the trainer's online linear probe learns from, at no extra forward pass
 * @param bank the base's candidates for this step
 */
public record StepResult(NDArray loss, Map<String, NDArray> terms, NDArray weakQueries, NDArray weakFeatures,
        RepresentationBank bank) {

    /** Keeps the terms' order. */
    public StepResult {
        terms = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(terms));
    }

    /**
     * This result with {@code weight * term} added to the loss and recorded under {@code name}.
     */
    public StepResult plus(String name, NDArray term, double weight) {
        Map<String, NDArray> more = new LinkedHashMap<>(terms);
        more.put(name, term);
        return new StepResult(loss.add(Scalars.times(term, weight)), more, weakQueries, weakFeatures, bank);
    }
}
