package dev.contrastive.runtime.sweep;

import dev.contrastive.api.SourceLocation;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A sweep file, parsed strictly: a base run file, axes whose product gives the variants, explicit
 * variants (each crossed with the {@code seed} axis when it does not set a seed itself), an
 * optional baseline group and the metrics to compare.
 *
 * @param file the sweep file as the user named it
 * @param name the sweep's name (its folder under {@code sweeps/})
 * @param base the base run file, resolved against the sweep file's folder
 * @param fixed overrides of {@code set:}, applied to every variant and not part of its id
 * @param fixedLocations where each of them was written
 * @param variants every variant, in a stable order
 * @param baseline the overrides (without seed) of the baseline group, or null
 * @param comparisons pairs of groups whose difference is reported seed by seed
 * @param metrics the metrics to report, or an empty list for the defaults
 */
public record SweepFile(Path file, String name, Path base, Map<String, String> fixed,
        Map<String, SourceLocation> fixedLocations, List<Variant> variants, Map<String, String> baseline,
        List<Comparison> comparisons, List<String> metrics) {

    /**
     * One entry of {@code compare:}: the effect of going from {@code against} to {@code group},
     * measured on the seeds both ran (e.g. the CLSA gain over its base).
     *
     * @param group the overrides (without seed) of the group compared
     * @param against the overrides (without seed) of the group it is compared with
     */
    public record Comparison(Map<String, String> group, Map<String, String> against) {
    }

    /**
     * One run of the sweep.
     *
     * @param id stable slug of the overrides, the run folder's name
     * @param overrides dotted key to value as written for {@code --set}
     * @param locations where in the sweep file each override was written
     */
    public record Variant(String id, Map<String, String> overrides, Map<String, SourceLocation> locations) {

        /** The group this variant belongs to: its overrides without the seed. */
        public String group() {
            return Overrides.slug(Overrides.withoutSeed(overrides));
        }

        /** {@code key=value} strings for the run config loader. */
        public List<String> sets() {
            return overrides.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        }
    }

    /**
     * Reads and checks a sweep file (the base run file must exist).
     *
     * @throws dev.contrastive.api.ConfigException naming the sweep file's line of the first problem
     */
    public static SweepFile load(Path file) {
        return SweepFileReader.read(file);
    }

    /**
     * This sweep read from a copy of its file (shipped to a worker), named as the original: its
     * file and base are the original's paths, as the runs' provenance should tell.
     */
    public SweepFile namedAs(Path original) {
        Path dir = original.toAbsolutePath().getParent();
        Path originalBase = dir.resolve(file.toAbsolutePath().getParent().relativize(base)).normalize();
        return new SweepFile(original, name, originalBase, fixed, fixedLocations, variants, baseline, comparisons,
                metrics);
    }

    /** The {@code --set} options of a variant's run: those of {@code set:}, then the variant's own. */
    public List<String> sets(Variant variant) {
        List<String> sets = new java.util.ArrayList<>();
        fixed.forEach((k, v) -> sets.add(k + "=" + v));
        sets.addAll(variant.sets());
        return sets;
    }
}
