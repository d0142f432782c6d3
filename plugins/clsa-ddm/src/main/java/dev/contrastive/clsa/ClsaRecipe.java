package dev.contrastive.clsa;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The crops of the official CLSA code's two published runs (maple-research-lab/CLSA,
 * {@code cmd/run_single.sh} and {@code cmd/run_multi.sh}), as fractions of its 224 px weak view:
 * {@code --size_crops}, {@code --min_scale_crops} and {@code --max_scale_crops}, with
 * {@code --pick_weak} and {@code --pick_strong} choosing which crops are weak queries and which
 * strong views.
 */
enum ClsaRecipe {

    /** CLSA: {@code --size_crops 224 96 --pick_weak 0 --pick_strong 1}: one strong view of 96 px from 8.6–42.9 %. */
    PAPER("paper", List.of(), List.of(crop(96, 0.086, 0.429))),

    /**
     * CLSA*: {@code --size_crops 224 192 160 128 96 --pick_weak 0 1 2 3 4 --pick_strong 0 1 2 3 4}:
     * four weak queries beyond the base's own (which is the 224 px crop) and five strong views,
     * one of each size.
     */
    PAPER_MULTICROP("paper-multicrop",
            List.of(crop(192, 0.172, 0.86), crop(160, 0.143, 0.715), crop(128, 0.114, 0.571), crop(96, 0.086, 0.429)),
            List.of(crop(224, 0.2, 1.0), crop(192, 0.172, 0.86), crop(160, 0.143, 0.715), crop(128, 0.114, 0.571),
                    crop(96, 0.086, 0.429)));

    /** The official code's weak view, the unit of every size. */
    private static final double WEAK_SIDE = 224;

    private final String key;
    private final List<ViewGeometry> extraQueries;
    private final List<ViewGeometry> strongViews;

    ClsaRecipe(String key, List<ViewGeometry> extraQueries, List<ViewGeometry> strongViews) {
        this.key = key;
        this.extraQueries = extraQueries;
        this.strongViews = strongViews;
    }

    /** The run-file value. */
    String key() {
        return key;
    }

    /** Weak queries beyond the base's own. */
    List<ViewGeometry> extraQueries() {
        return extraQueries;
    }

    /** The strong views. */
    List<ViewGeometry> strongViews() {
        return strongViews;
    }

    /** The recipe named in a run file; a message naming the allowed values for any other. */
    static ClsaRecipe named(String key) {
        return Arrays.stream(values()).filter(r -> r.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("recipe must be one of "
                        + Arrays.stream(values()).map(ClsaRecipe::key).collect(Collectors.joining(", "))
                        + ", got " + key));
    }

    private static ViewGeometry crop(int side, double min, double max) {
        return ViewGeometry.of(side / WEAK_SIDE, min, max);
    }
}
