package dev.contrastive.runtime.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.SourceLocation;
import dev.contrastive.runtime.config.ConfigSource;
import dev.contrastive.runtime.config.LocatedYaml;
import dev.contrastive.runtime.config.TreeSection;
import dev.contrastive.runtime.io.InputPaths;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a sweep file: binds its keys, then checks each structured one, naming the line at fault. */
final class SweepFileReader {

    private final Path file;
    private final ConfigSource source;
    private final SweepSpec spec;

    private SweepFileReader(Path file, ConfigSource source, SweepSpec spec) {
        this.file = file;
        this.source = source;
        this.spec = spec;
    }

    static SweepFile read(Path file) {
        LocatedYaml.Document document = LocatedYaml.parse(LocatedYaml.read(file, "sweep file"), file.toString());
        if (!document.root().isObject()) {
            throw new ConfigException(start(file), "a sweep file is a YAML mapping");
        }
        SweepSpec spec = new TreeSection("", document.root(), document.source(), (p, v) -> { }).bind(SweepSpec.class);
        return new SweepFileReader(file, document.source(), spec).sweep();
    }

    private SweepFile sweep() {
        String name = name();
        Path base = base();
        Map<String, String> fixed = present(spec.set()) ? overrides(spec.set(), "/set", "set") : Map.of();
        Map<String, SourceLocation> fixedAt = new LinkedHashMap<>();
        fixed.keySet().forEach(k -> fixedAt.put(k, source.locate("/set/" + k)));
        List<SweepFile.Variant> variants = VariantGrid.expand(axes(), explicitVariants());
        if (variants.isEmpty()) {
            throw new ConfigException(start(), "the sweep has no variants: give axes, variants, or both");
        }
        List<String> ids = new ArrayList<>();
        for (SweepFile.Variant v : variants) {
            if (ids.contains(v.id())) {
                throw new ConfigException(source.locate("/variants"), "variant " + v.id() + " is given twice");
            }
            ids.add(v.id());
        }
        Map<String, String> baseline = present(spec.baseline())
                ? group(spec.baseline(), "/baseline", "baseline", variants) : null;
        return new SweepFile(file, name, base, fixed, fixedAt, List.copyOf(variants), baseline,
                comparisons(variants), metrics());
    }

    private SourceLocation start() {
        return start(file);
    }

    private static SourceLocation start(Path file) {
        return new SourceLocation(file.toString(), 1, 1);
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull();
    }

    private String name() {
        String name = spec.name() != null ? spec.name() : file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        if (!name.matches("[A-Za-z0-9._+=,-]+")) {
            throw new ConfigException(source.locate("/name"), "name: letters, digits and . _ + = , - only, got '"
                    + name + "'");
        }
        return name;
    }

    private Path base() {
        if (spec.base() == null || spec.base().isBlank()) {
            throw new ConfigException(start(), "base: the run file to vary is missing");
        }
        Path base = file.toAbsolutePath().getParent().resolve(spec.base()).normalize();
        if (!Files.isRegularFile(base)) {
            throw new ConfigException(source.locate("/base"), "base run file " + base + (InputPaths.exists(base)
                    ? " " + InputPaths.problem(base, "regular file") : " not found"));
        }
        return base;
    }

    private List<VariantGrid.Axis> axes() {
        JsonNode axes = spec.axes();
        List<VariantGrid.Axis> result = new ArrayList<>();
        if (!present(axes)) {
            return result;
        }
        if (!axes.isObject()) {
            throw new ConfigException(source.locate("/axes"), "axes: expected a mapping of config key to a list "
                    + "of values, e.g. seed: [0, 1]");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = axes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> axis = it.next();
            result.add(axis(axis.getKey(), axis.getValue(), "/axes/" + axis.getKey()));
        }
        return result;
    }

    private VariantGrid.Axis axis(String key, JsonNode list, String pointer) {
        Overrides.checkKey(key, source.locate(pointer));
        if (!list.isArray()) {
            throw new ConfigException(source.locate(pointer), "axis '" + key + "': expected a list of values, e.g. "
                    + "[1, 3, 5]");
        }
        if (list.isEmpty()) {
            throw new ConfigException(source.locate(pointer), "axis '" + key + "' is empty; give at least one value");
        }
        List<String> values = new ArrayList<>();
        List<SourceLocation> at = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String value = Overrides.value(list.get(i));
            if (values.contains(value)) {
                throw new ConfigException(source.locate(pointer + "/" + i), "axis '" + key + "' lists " + value
                        + " twice");
            }
            values.add(value);
            at.add(source.locate(pointer + "/" + i));
        }
        return new VariantGrid.Axis(key, values, at);
    }

    private List<VariantGrid.Written> explicitVariants() {
        JsonNode variants = spec.variants();
        List<VariantGrid.Written> result = new ArrayList<>();
        if (!present(variants)) {
            return result;
        }
        if (!variants.isArray()) {
            throw new ConfigException(source.locate("/variants"), "variants: expected a list of override maps, "
                    + "e.g. - {objective: moco}");
        }
        for (int i = 0; i < variants.size(); i++) {
            String pointer = "/variants/" + i;
            Map<String, String> overrides = overrides(variants.get(i), pointer, "variants");
            Map<String, SourceLocation> at = new LinkedHashMap<>();
            overrides.keySet().forEach(k -> at.put(k, source.locate(pointer + "/" + k)));
            result.add(new VariantGrid.Written(overrides, at));
        }
        return result;
    }

    private List<SweepFile.Comparison> comparisons(List<SweepFile.Variant> variants) {
        JsonNode compare = spec.compare();
        List<SweepFile.Comparison> comparisons = new ArrayList<>();
        if (!present(compare)) {
            return comparisons;
        }
        if (!compare.isArray() || compare.isEmpty()) {
            throw new ConfigException(source.locate("/compare"), "compare: expected a list of {group: {...}, "
                    + "against: {...}}, e.g. - {group: {objective: moco+clsa}, against: {objective: moco}}");
        }
        for (int i = 0; i < compare.size(); i++) {
            String pointer = "/compare/" + i;
            JsonNode pair = compare.get(i);
            if (!pair.isObject() || pair.size() != 2 || !pair.has("group") || !pair.has("against")) {
                throw new ConfigException(source.locate(pointer), "compare: each entry has exactly the keys "
                        + "group and against, each a map of overrides");
            }
            comparisons.add(new SweepFile.Comparison(
                    group(pair.get("group"), pointer + "/group", "compare group", variants),
                    group(pair.get("against"), pointer + "/against", "compare against", variants)));
        }
        return List.copyOf(comparisons);
    }

    private List<String> metrics() {
        JsonNode metrics = spec.metrics();
        if (!present(metrics)) {
            return List.of();
        }
        if (!metrics.isArray() || metrics.isEmpty()) {
            throw new ConfigException(source.locate("/metrics"), "metrics: expected a non-empty list of metric "
                    + "names, e.g. [knn_top1, knn_strong_top1]");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < metrics.size(); i++) {
            String name = metrics.get(i).asText();
            if (!SweepMetricNames.written(name)) {
                throw new ConfigException(source.locate("/metrics/" + i), "metrics: no run writes a metric '" + name
                        + "'; known: " + String.join(", ", SweepMetricNames.RUNTIME) + " and the objectives' loss "
                        + "terms (L_C, L_D, ...)");
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    /** The overrides of a group named in the sweep file, which must be some variant's without its seed. */
    private Map<String, String> group(JsonNode node, String pointer, String what, List<SweepFile.Variant> variants) {
        Map<String, String> wanted = Overrides.withoutSeed(overrides(node, pointer, what));
        if (variants.stream().noneMatch(v -> Overrides.withoutSeed(v.overrides()).equals(wanted))) {
            throw new ConfigException(source.locate(pointer), what + " {" + Overrides.slug(wanted)
                    + "} matches no variant; groups: "
                    + String.join("; ", variants.stream().map(SweepFile.Variant::group).distinct().toList()));
        }
        return wanted;
    }

    private Map<String, String> overrides(JsonNode node, String pointer, String what) {
        if (!node.isObject() || node.isEmpty()) {
            throw new ConfigException(source.locate(pointer), what + ": expected a map of config key to value, "
                    + "e.g. {objective: moco}");
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Overrides.checkKey(entry.getKey(), source.locate(pointer + "/" + entry.getKey()));
            overrides.put(entry.getKey(), Overrides.value(entry.getValue()));
        }
        return overrides;
    }
}
