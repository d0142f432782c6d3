package dev.contrastive.api;

import java.util.random.RandomGenerator;

/**
 * One random image transform, built by an {@link AugmentationPolicy} for one view. Called from
 * several loader threads at once, so implementations keep no mutable state; every random draw
 * comes from the generator handed in, which makes a run reproducible from its seed.
 */
@FunctionalInterface
public interface ImageTransform {

    /**
     * Transforms an image.
     *
     * @param image the input, not modified
     * @param random the only source of randomness this call may use
     * @return the transformed image (may be {@code image} itself when nothing changed)
     */
    Image apply(Image image, RandomGenerator random);

    /** This transform followed by {@code next}. */
    default ImageTransform andThen(ImageTransform next) {
        return (image, random) -> next.apply(apply(image, random), random);
    }
}
