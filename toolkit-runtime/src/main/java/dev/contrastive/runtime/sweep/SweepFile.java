package dev.contrastive.runtime.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.SourceLocation;
import dev.contrastive.runtime.config.ConfigSource;
import dev.contrastive.runtime.config.LocatedYaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    static final String SEED = "seed";
    private static final Set<String> KEYS = Set.of("name", "base", "set", "axes", "variants", "baseline", "compare",
            "metrics");

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
            return slug(withoutSeed(overrides));
        }

        /** {@code key=value} strings for the run config loader. */
        public List<String> sets() {
            return overrides.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        }
    }

    /** Reads and checks a sweep file (the base run file must exist). */
    public static SweepFile load(Path file) {
        LocatedYaml.Document document = LocatedYaml.parse(LocatedYaml.read(file, "sweep file"), file.toString());
        ConfigSource source = document.source();
        JsonNode root = document.root();
        if (!root.isObject()) {
            throw new ConfigException(new SourceLocation(file.toString(), 1, 1), "a sweep file is a YAML mapping");
        }
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!KEYS.contains(key)) {
                throw new ConfigException(source.locate("/" + key), "unknown key '" + key
                        + "'; allowed: axes, base, baseline, compare, metrics, name, set, variants");
            }
        }
        String name = text(root, "name", source, null);
        if (name == null) {
            String fileName = file.getFileName().toString();
            name = fileName.replaceFirst("\\.ya?ml$", "");
        }
        if (!name.matches("[A-Za-z0-9._+=,-]+")) {
            throw new ConfigException(source.locate("/name"), "name: letters, digits and . _ + = , - only, got '"
                    + name + "'");
        }
        String baseText = text(root, "base", source, null);
        if (baseText == null) {
            throw new ConfigException(new SourceLocation(file.toString(), 1, 1), "base: the run file to vary is missing");
        }
        Path dir = file.toAbsolutePath().getParent();
        Path base = dir.resolve(baseText).normalize();
        if (!Files.isRegularFile(base)) {
            throw new ConfigException(source.locate("/base"), "base run file " + base + " not found");
        }

        Map<String, String> fixed = new LinkedHashMap<>();
        Map<String, SourceLocation> fixedAt = new LinkedHashMap<>();
        JsonNode setNode = root.get("set");
        if (setNode != null && !setNode.isNull()) {
            fixed = overrides(setNode, "/set", source, "set");
            fixed.keySet().forEach(k -> fixedAt.put(k, source.locate("/set/" + k)));
        }

        // axes: key -> values, each with its location
        Map<String, List<String>> axes = new LinkedHashMap<>();
        Map<String, List<SourceLocation>> axisAt = new LinkedHashMap<>();
        JsonNode axesNode = root.get("axes");
        if (axesNode != null && !axesNode.isNull()) {
            if (!axesNode.isObject()) {
                throw new ConfigException(source.locate("/axes"), "axes: expected a mapping of config key to a list "
                        + "of values, e.g. seed: [0, 1]");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = axesNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> axis = it.next();
                String pointer = "/axes/" + axis.getKey();
                checkKey(axis.getKey(), source.locate(pointer));
                if (!axis.getValue().isArray()) {
                    throw new ConfigException(source.locate(pointer), "axis '" + axis.getKey()
                            + "': expected a list of values, e.g. [1, 3, 5]");
                }
                if (axis.getValue().isEmpty()) {
                    throw new ConfigException(source.locate(pointer), "axis '" + axis.getKey()
                            + "' is empty; give at least one value");
                }
                List<String> values = new ArrayList<>();
                List<SourceLocation> at = new ArrayList<>();
                for (int i = 0; i < axis.getValue().size(); i++) {
                    String value = value(axis.getValue().get(i));
                    if (values.contains(value)) {
                        throw new ConfigException(source.locate(pointer + "/" + i), "axis '" + axis.getKey()
                                + "' lists " + value + " twice");
                    }
                    values.add(value);
                    at.add(source.locate(pointer + "/" + i));
                }
                axes.put(axis.getKey(), values);
                axisAt.put(axis.getKey(), at);
            }
        }

        List<Variant> variants = new ArrayList<>();
        if (!axes.isEmpty()) {
            product(new ArrayList<>(axes.keySet()), 0, axes, axisAt, new LinkedHashMap<>(), new LinkedHashMap<>(),
                    variants);
        }
        JsonNode explicit = root.get("variants");
        if (explicit != null && !explicit.isNull()) {
            if (!explicit.isArray()) {
                throw new ConfigException(source.locate("/variants"), "variants: expected a list of override maps, "
                        + "e.g. - {objective: moco}");
            }
            for (int i = 0; i < explicit.size(); i++) {
                String pointer = "/variants/" + i;
                Map<String, String> overrides = overrides(explicit.get(i), pointer, source, "variants");
                Map<String, SourceLocation> at = new LinkedHashMap<>();
                overrides.keySet().forEach(k -> at.put(k, source.locate(pointer + "/" + k)));
                if (axes.containsKey(SEED) && !overrides.containsKey(SEED)) {
                    List<String> seeds = axes.get(SEED);
                    for (int s = 0; s < seeds.size(); s++) {
                        Map<String, String> withSeed = new LinkedHashMap<>(overrides);
                        withSeed.put(SEED, seeds.get(s));
                        Map<String, SourceLocation> seedAt = new LinkedHashMap<>(at);
                        seedAt.put(SEED, axisAt.get(SEED).get(s));
                        variants.add(variant(withSeed, seedAt));
                    }
                } else {
                    variants.add(variant(overrides, at));
                }
            }
        }
        if (variants.isEmpty()) {
            throw new ConfigException(new SourceLocation(file.toString(), 1, 1),
                    "the sweep has no variants: give axes, variants, or both");
        }
        Map<String, SourceLocation> seen = new LinkedHashMap<>();
        for (Variant v : variants) {
            SourceLocation first = seen.putIfAbsent(v.id(), v.locations().values().stream().findFirst()
                    .orElse(new SourceLocation(file.toString(), 1, 1)));
            if (first != null) {
                throw new ConfigException(source.locate("/variants"), "variant " + v.id() + " is given twice");
            }
        }

        Map<String, String> baseline = null;
        JsonNode baselineNode = root.get("baseline");
        if (baselineNode != null && !baselineNode.isNull()) {
            baseline = group(baselineNode, "/baseline", "baseline", source, variants);
        }
        List<Comparison> comparisons = new ArrayList<>();
        JsonNode compareNode = root.get("compare");
        if (compareNode != null && !compareNode.isNull()) {
            if (!compareNode.isArray() || compareNode.isEmpty()) {
                throw new ConfigException(source.locate("/compare"), "compare: expected a list of "
                        + "{group: {...}, against: {...}}, e.g. - {group: {objective: moco+clsa}, against: {objective: moco}}");
            }
            for (int i = 0; i < compareNode.size(); i++) {
                String pointer = "/compare/" + i;
                JsonNode pair = compareNode.get(i);
                if (!pair.isObject() || pair.size() != 2 || !pair.has("group") || !pair.has("against")) {
                    throw new ConfigException(source.locate(pointer), "compare: each entry has exactly the keys "
                            + "group and against, each a map of overrides");
                }
                comparisons.add(new Comparison(group(pair.get("group"), pointer + "/group", "compare group", source,
                        variants), group(pair.get("against"), pointer + "/against", "compare against", source, variants)));
            }
        }
        List<String> metrics = new ArrayList<>();
        JsonNode metricsNode = root.get("metrics");
        if (metricsNode != null && !metricsNode.isNull()) {
            if (!metricsNode.isArray() || metricsNode.isEmpty()) {
                throw new ConfigException(source.locate("/metrics"), "metrics: expected a non-empty list of metric "
                        + "names, e.g. [knn_top1, knn_strong_top1]");
            }
            for (JsonNode metric : metricsNode) {
                metrics.add(metric.asText());
            }
        }
        return new SweepFile(file, name, base, fixed, fixedAt, List.copyOf(variants), baseline,
                List.copyOf(comparisons), List.copyOf(metrics));
    }

    /** The overrides of a group named in the sweep file, which must be some variant's without its seed. */
    private static Map<String, String> group(JsonNode node, String pointer, String what, ConfigSource source,
            List<Variant> variants) {
        Map<String, String> wanted = withoutSeed(overrides(node, pointer, source, what));
        if (variants.stream().noneMatch(v -> withoutSeed(v.overrides()).equals(wanted))) {
            throw new ConfigException(source.locate(pointer), what + " {" + slug(wanted) + "} matches no variant; "
                    + "groups: " + String.join("; ", variants.stream().map(Variant::group).distinct().toList()));
        }
        return wanted;
    }

    private static void product(List<String> keys, int index, Map<String, List<String>> axes,
            Map<String, List<SourceLocation>> axisAt, Map<String, String> current, Map<String, SourceLocation> at,
            List<Variant> out) {
        if (index == keys.size()) {
            out.add(variant(new LinkedHashMap<>(current), new LinkedHashMap<>(at)));
            return;
        }
        String key = keys.get(index);
        List<String> values = axes.get(key);
        for (int i = 0; i < values.size(); i++) {
            current.put(key, values.get(i));
            at.put(key, axisAt.get(key).get(i));
            product(keys, index + 1, axes, axisAt, current, at, out);
        }
        current.remove(key);
        at.remove(key);
    }

    private static Variant variant(Map<String, String> overrides, Map<String, SourceLocation> at) {
        // seed first, then the other keys in the order they were written
        Map<String, String> ordered = new LinkedHashMap<>();
        if (overrides.containsKey(SEED)) {
            ordered.put(SEED, overrides.get(SEED));
        }
        overrides.forEach(ordered::putIfAbsent);
        return new Variant(slug(ordered), ordered, at);
    }

    private static Map<String, String> overrides(JsonNode node, String pointer, ConfigSource source, String what) {
        if (!node.isObject() || node.isEmpty()) {
            throw new ConfigException(source.locate(pointer), what + ": expected a map of config key to value, "
                    + "e.g. {objective: moco}");
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            checkKey(entry.getKey(), source.locate(pointer + "/" + entry.getKey()));
            overrides.put(entry.getKey(), value(entry.getValue()));
        }
        return overrides;
    }

    private static void checkKey(String key, SourceLocation at) {
        if (!key.matches("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*")) {
            throw new ConfigException(at, "'" + key + "' is not a dotted config key such as train.epochs");
        }
    }

    /** A value as {@code --set} takes it: scalars as text, lists and maps in flow style. */
    static String value(JsonNode node) {
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private static String text(JsonNode root, String key, ConfigSource source, String fallback) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isValueNode() || node.asText().isBlank()) {
            throw new ConfigException(source.locate("/" + key), key + ": expected text");
        }
        return node.asText();
    }

    static Map<String, String> withoutSeed(Map<String, String> overrides) {
        Map<String, String> copy = new LinkedHashMap<>(overrides);
        copy.remove(SEED);
        return copy;
    }

    /** {@code seed=0,augment.strong.repeats=3}, safe as a folder name. */
    static String slug(Map<String, String> overrides) {
        if (overrides.isEmpty()) {
            return "base";
        }
        StringBuilder id = new StringBuilder();
        overrides.forEach((k, v) -> {
            if (id.length() > 0) {
                id.append(',');
            }
            id.append(k).append('=').append(v.replaceAll("[^A-Za-z0-9._+\\-\\[\\],=]", "_"));
        });
        return id.toString();
    }
}
