package dev.contrastive.runtime.data;

import dev.contrastive.api.Image;

/**
 * Images the loader draws training samples from, all of one size: kept in memory
 * ({@link ImageSet}), or read from disk on each access when they do not fit (a folder of image
 * files decoded again each epoch, STL-10's unlabeled split read from its file). {@link #image} is
 * called from the loader's worker threads, concurrently.
 */
public interface ImageSource {

    /** Number of images. */
    int count();

    /** Rows of each image. */
    int height();

    /** Columns of each image. */
    int width();

    /** 1 (grey) or 3 (RGB). */
    int channels();

    /** Image {@code i}, sharing nothing with this source. */
    Image image(int i);

    /** The class of each image; null for unlabeled images, which train without the online probe. */
    int[] labels();

    /** Whether {@link #label} gives each image's class. */
    default boolean labelled() {
        return labels() != null;
    }

    /** Class of image {@code i}; -1 when the source is not {@link #labelled}. */
    default int label(int i) {
        return labelled() ? labels()[i] : -1;
    }

    /** The first {@code n} images, or all of them when {@code n} is 0 or not smaller than {@link #count}. */
    ImageSource first(int n);
}
