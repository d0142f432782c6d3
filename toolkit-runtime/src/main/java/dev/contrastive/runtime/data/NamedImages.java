package dev.contrastive.runtime.data;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Images with a name for each, in the same order: what {@code toolkit embed} encodes and lists.
 * A data set's split is one source ({@link #split}); an image folder, whose names are its files'
 * paths, is the other.
 *
 * @param images the images, of one size
 * @param names one per image
 */
public record NamedImages(ImageSet images, List<String> names) {

    /** Checks that every image has a name. */
    public NamedImages {
        if (names.size() != images.count()) {
            throw new IllegalArgumentException(names.size() + " names for " + images.count() + " images");
        }
        names = List.copyOf(names);
    }

    /** A data set's split, its images named {@code dataset/split/00042} by index (five digits or more). */
    public static NamedImages split(String dataset, String split, ImageSet images) {
        return new NamedImages(images, IntStream.range(0, images.count())
                .mapToObj(i -> String.format(java.util.Locale.ROOT, "%s/%s/%05d", dataset, split, i)).toList());
    }
}
