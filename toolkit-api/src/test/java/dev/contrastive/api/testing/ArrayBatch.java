package dev.contrastive.api.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.contrastive.api.ViewBatch;

import java.util.Map;

/**
 * A {@link ViewBatch} of given arrays, for tests that feed an objective fixed inputs (golden
 * embeddings through {@link IdentityEncoders}). It has no labels: a loss must never read them.
 *
 * @param manager the step's manager
 * @param views each view's array by name, {@code N} rows each
 */
public record ArrayBatch(NDManager manager, Map<String, NDArray> views) implements ViewBatch {

    @Override
    public int size() {
        return (int) views.values().iterator().next().getShape().get(0);
    }

    @Override
    public NDArray view(String name) {
        NDArray view = views.get(name);
        if (view == null) {
            throw new AssertionError("no view '" + name + "' in the batch; it has " + views.keySet());
        }
        return view;
    }

    @Override
    public NDArray labels() {
        throw new AssertionError("labels are for probes, never for the loss");
    }
}
