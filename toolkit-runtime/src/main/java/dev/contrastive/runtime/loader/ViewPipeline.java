package dev.contrastive.runtime.loader;

import dev.contrastive.api.ImageTransform;
import dev.contrastive.api.ViewRequest;

/**
 * A requested view with the chained transform of its policies.
 *
 * @param request what the objective asked for
 * @param transform its policies, in order
 */
public record ViewPipeline(ViewRequest request, ImageTransform transform) {
}
