package dev.contrastive.api;

import java.util.List;

/**
 * An add-on's part of one run: views of its own, appended to the base's, and terms over each
 * step of the base.
 *
 * @since 0.3.0
 */
public interface AddOnRun {

    /** The views the add-on needs beyond the base's; names unique within the run. */
    List<ViewRequest> views();

    /**
     * The add-on's terms of one step, with gradients, in training mode.
     *
     * @param step what the base computed, its bank and query path, and the batch
     * @return named terms and their weights, added to the base's loss in order
     */
    Terms forward(BaseStep step);
}
