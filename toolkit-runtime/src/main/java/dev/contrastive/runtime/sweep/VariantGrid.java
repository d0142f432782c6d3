package dev.contrastive.runtime.sweep;

import dev.contrastive.api.SourceLocation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The variants of a sweep: the product of its axes, then each explicit variant crossed with the seed axis. */
final class VariantGrid {

    /**
     * One axis.
     *
     * @param key the config key it varies
     * @param values its values as {@code --set} takes them
     * @param locations where each value was written
     */
    record Axis(String key, List<String> values, List<SourceLocation> locations) {
    }

    /**
     * An override map written in the sweep file.
     *
     * @param overrides dotted key to value
     * @param locations where each override was written
     */
    record Written(Map<String, String> overrides, Map<String, SourceLocation> locations) {
    }

    private VariantGrid() {
    }

    /** Every variant, in a stable order: the product first (the last axis varying fastest), then the explicit ones. */
    static List<SweepFile.Variant> expand(List<Axis> axes, List<Written> explicit) {
        List<SweepFile.Variant> variants = new ArrayList<>();
        if (!axes.isEmpty()) {
            product(axes, 0, new Written(new LinkedHashMap<>(), new LinkedHashMap<>()), variants);
        }
        Axis seeds = axes.stream().filter(a -> a.key().equals(Overrides.SEED)).findFirst().orElse(null);
        for (Written written : explicit) {
            if (seeds == null || written.overrides().containsKey(Overrides.SEED)) {
                variants.add(variant(written));
                continue;
            }
            for (int s = 0; s < seeds.values().size(); s++) {
                variants.add(variant(with(written, Overrides.SEED, seeds.values().get(s), seeds.locations().get(s))));
            }
        }
        return variants;
    }

    private static void product(List<Axis> axes, int index, Written current, List<SweepFile.Variant> out) {
        if (index == axes.size()) {
            out.add(variant(current));
            return;
        }
        Axis axis = axes.get(index);
        for (int i = 0; i < axis.values().size(); i++) {
            product(axes, index + 1, with(current, axis.key(), axis.values().get(i), axis.locations().get(i)), out);
        }
    }

    private static Written with(Written written, String key, String value, SourceLocation at) {
        Map<String, String> overrides = new LinkedHashMap<>(written.overrides());
        Map<String, SourceLocation> locations = new LinkedHashMap<>(written.locations());
        overrides.put(key, value);
        locations.put(key, at);
        return new Written(overrides, locations);
    }

    private static SweepFile.Variant variant(Written written) {
        // seed first, then the other keys in the order they were written
        Map<String, String> ordered = new LinkedHashMap<>();
        if (written.overrides().containsKey(Overrides.SEED)) {
            ordered.put(Overrides.SEED, written.overrides().get(Overrides.SEED));
        }
        written.overrides().forEach(ordered::putIfAbsent);
        return new SweepFile.Variant(Overrides.slug(ordered), ordered, written.locations());
    }
}
