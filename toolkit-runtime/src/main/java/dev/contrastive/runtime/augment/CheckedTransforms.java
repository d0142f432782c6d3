package dev.contrastive.runtime.augment;

import dev.contrastive.api.AugmentationPolicy;
import dev.contrastive.api.ConfigSection;
import dev.contrastive.api.Image;
import dev.contrastive.api.ImageTransform;
import dev.contrastive.api.ViewRequest;
import dev.contrastive.api.host.ContractViolation;

/**
 * A policy's transform for one view, its results checked where they cross into the runtime: a
 * transform, then for every image an image of the view's size with the input's channels. A
 * policy that returns anything else is a {@link ContractViolation} naming its class, which the
 * CLI reports with the plugin that ships it.
 */
public final class CheckedTransforms {

    private CheckedTransforms() {
    }

    /** {@code policy.create(view, section)}, checked. */
    public static ImageTransform create(AugmentationPolicy policy, ViewRequest view, ConfigSection section) {
        ImageTransform transform = policy.create(view, section);
        Class<?> culprit = policy.getClass();
        String who = "policy '" + policy.name() + "'";
        if (transform == null) {
            throw new ContractViolation(culprit, who + " returned no transform (null) for the view '" + view.name()
                    + "'");
        }
        int size = view.size();
        return (image, random) -> {
            Image out = transform.apply(image, random);
            if (out == null) {
                throw new ContractViolation(culprit, who + " returned no image (null) for the view '" + view.name()
                        + "'");
            }
            if (out.height() != size || out.width() != size || out.channels() != image.channels()) {
                throw new ContractViolation(culprit, who + " returned a " + out.height() + "x" + out.width() + " image of "
                        + out.channels() + " channels for the view '" + view.name() + "', which is " + size + "x"
                        + size + " with the input's " + image.channels());
            }
            return out;
        };
    }
}
