package dev.contrastive.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contrastive.api.AugmentationPolicy;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.ContrastiveObjective;
import dev.contrastive.api.host.ObjectiveChain;
import dev.contrastive.api.SourceLocation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads, overrides and validates run files against the objectives and policies available. */
public final class RunConfigLoader {

    /** Top-level keys the runtime owns; every other key must be an objective of the chain. */
    static final Set<String> RUNTIME_KEYS = Set.of(
            "name", "seed", "objective", "data", "model", "train", "knn", "eval", "log", "augment");

    private final Map<String, ContrastiveObjective<?>> objectives;
    private final Map<String, AugmentationPolicy> policies;

    /**
     * @param objectives available objectives by name
     * @param policies available augmentation policies by name
     */
    public RunConfigLoader(Map<String, ContrastiveObjective<?>> objectives,
            Map<String, AugmentationPolicy> policies) {
        this.objectives = objectives;
        this.policies = policies;
    }

    /**
     * Loads a run file.
     *
     * @param file the YAML run file
     * @param overrides {@code key.path=value} pairs applied on top of the file
     * @throws ConfigException naming file, line and column of the first problem
     */
    public RunConfig load(Path file, List<String> overrides) {
        return load(LocatedYaml.read(file, "run file"), file.toString(), overrides);
    }

    /** Loads a run file's text; {@code name} is used in messages. */
    public RunConfig load(String text, String name, List<String> overrides) {
        return load(LocatedYaml.parse(text, name), overrides);
    }

    /** Loads a parsed run file, whose tree the overrides change; messages name its lines. */
    public RunConfig load(LocatedYaml.Document document, List<String> overrides) {
        String name = document.source().file();
        if (!document.root().isObject()) {
            throw new ConfigException(new SourceLocation(name, 1, 1), "a run file is a YAML mapping of keys");
        }
        ObjectNode root = (ObjectNode) document.root();
        ConfigSource source = document.source();
        overrides.forEach(override -> applyOverride(root, source, override));

        refuseUnknownKeys(root, source, objectives.keySet(), "");
        ObjectNode resolved = JsonNodeFactory.instance.objectNode();
        ObjectNode header = JsonNodeFactory.instance.objectNode();
        for (String key : List.of("name", "seed", "objective")) {
            if (root.has(key)) {
                header.set(key, root.get(key));
            }
        }
        RunSettings settings = new TreeSection("", header, source, (p, v) -> { }).bind(RunSettings.class);
        resolved.setAll((ObjectNode) TreeSection.MAPPER.valueToTree(settings));
        List<ContrastiveObjective<?>> objectives = chain(settings.objective(), source.locate("/objective"));

        Set<String> chainNames = new TreeSet<>(objectives.stream().map(ContrastiveObjective::name).toList());
        SourceLocation objectiveAt = source.locate("/objective");
        refuseUnknownKeys(root, source, chainNames, objectiveAt.line() == 0 ? " (the objective is '"
                + settings.objective() + "', from " + objectiveAt + ")" : "");
        java.util.function.BiConsumer<String, Object> record =
                (path, value) -> resolved.set(path, TreeSection.MAPPER.valueToTree(value));
        DataConfig data = section(root, "data", source, record).bind(DataConfig.class);
        ModelConfig model = section(root, "model", source, record).bind(ModelConfig.class);
        TrainConfig train = section(root, "train", source, record).bind(TrainConfig.class);
        KnnConfig knn = knn(section(root, "knn", source, record).bind(KnnConfig.class), source);
        EvalConfig eval = section(root, "eval", source, record).bind(EvalConfig.class);
        LogConfig log = section(root, "log", source, record).bind(LogConfig.class);
        Map<String, TreeSection> policySections = policySections(root, source, resolved);
        List<ObjectiveChain.Link> chain = new ArrayList<>();
        for (ContrastiveObjective<?> objective : objectives) {
            TreeSection section = new TreeSection(objective.name(), root.get(objective.name()), source, record);
            // bound once, now, before data and model are loaded; create receives this record
            Record bound = objective.configType() == null ? null : section.bind(objective.configType());
            chain.add(new ObjectiveChain.Link(objective, bound, section));
        }
        return new RunConfig(name, settings, data, model, train, knn, eval, log, chain, policySections,
                resolved, source);
    }

    /** Checks {@code knn.strong_test} against the installed policies. */
    private KnnConfig knn(KnnConfig knn, ConfigSource source) {
        Set<String> allowed = new TreeSet<>(policies.keySet());
        allowed.add(KnnConfig.AUTO);
        allowed.add(KnnConfig.NONE);
        if (!allowed.contains(knn.strongTest())) {
            throw new ConfigException(source.locate("/knn/strong_test"), "knn.strong_test: '" + knn.strongTest()
                    + "' is neither auto, none nor an installed augmentation policy; allowed: "
                    + String.join(", ", allowed));
        }
        return knn;
    }

    private static TreeSection section(ObjectNode root, String key, ConfigSource source,
            java.util.function.BiConsumer<String, Object> record) {
        return new TreeSection(key, root.get(key), source, record);
    }

    private Map<String, TreeSection> policySections(ObjectNode root, ConfigSource source, ObjectNode resolved) {
        JsonNode augment = root.get("augment");
        if (augment != null && !augment.isObject()) {
            throw new ConfigException(source.locate("/augment"), "augment: expected a section per policy, e.g. "
                    + "augment: {weak: {...}}");
        }
        ObjectNode resolvedAugment = resolved.putObject("augment");
        Map<String, TreeSection> sections = new LinkedHashMap<>();
        for (String policy : policies.keySet()) {
            JsonNode node = augment == null ? null : augment.get(policy);
            sections.put(policy, new TreeSection("augment." + policy, node, source,
                    (path, value) -> resolvedAugment.set(policy, TreeSection.MAPPER.valueToTree(value))));
        }
        if (augment != null) {
            for (Iterator<String> keys = augment.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!policies.containsKey(key)) {
                    throw new ConfigException(source.locate("/augment/" + key), "unknown augmentation policy '"
                            + key + "'; allowed: " + String.join(", ", policies.keySet()));
                }
                // every section written is checked, whether or not a view of this run uses the policy
                Class<? extends Record> type = policies.get(key).configType();
                if (type != null) {
                    sections.get(key).bind(type);
                }
            }
        }
        return sections;
    }

    /** {@code moco+clsa}: one base first, then add-ons, each name known and used once. */
    private List<ContrastiveObjective<?>> chain(String spec, SourceLocation at) {
        List<ContrastiveObjective<?>> chain = new ArrayList<>();
        for (String name : spec.split("\\+", -1)) {
            String trimmed = name.trim();
            ContrastiveObjective<?> objective = objectives.get(trimmed);
            if (objective == null) {
                throw new ConfigException(at, "objective '" + trimmed + "' is not known; allowed: "
                        + describe(ContrastiveObjective.Role.BASE) + " as the base, then add-ons: "
                        + describe(ContrastiveObjective.Role.ADD_ON) + " (e.g. moco+clsa)");
            }
            if (chain.contains(objective)) {
                throw new ConfigException(at, "objective '" + trimmed + "' is given twice in '" + spec + "'");
            }
            boolean first = chain.isEmpty();
            if (first && objective.role() != ContrastiveObjective.Role.BASE) {
                throw new ConfigException(at, "'" + trimmed + "' is an add-on and needs a base before it; "
                        + "bases: " + describe(ContrastiveObjective.Role.BASE) + " (e.g. moco+" + trimmed + ")");
            }
            if (!first && objective.role() == ContrastiveObjective.Role.BASE) {
                throw new ConfigException(at, "'" + spec + "' names two bases; a chain has one base, then "
                        + "add-ons: " + describe(ContrastiveObjective.Role.ADD_ON));
            }
            chain.add(objective);
        }
        return chain;
    }

    private String describe(ContrastiveObjective.Role role) {
        List<String> names = objectives.values().stream().filter(o -> o.role() == role)
                .map(ContrastiveObjective::name).toList();
        return names.isEmpty() ? "(none installed)" : String.join(", ", names);
    }

    /**
     * Refuses a top-level key that is neither the runtime's nor a section of {@code sections}, at
     * its line: checked first, so that a misspelt required key ({@code objectiv:}) is named rather
     * than reported missing.
     */
    private static void refuseUnknownKeys(ObjectNode root, ConfigSource source, Set<String> sections,
            String why) {
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!RUNTIME_KEYS.contains(key) && !sections.contains(key)) {
                Set<String> allowed = new TreeSet<>(RUNTIME_KEYS);
                allowed.addAll(sections);
                throw new ConfigException(source.locate("/" + key), "unknown key '" + key + "'" + why + "; allowed: "
                        + String.join(", ", allowed));
            }
        }
    }

    private static void applyOverride(ObjectNode root, ConfigSource source, String override) {
        int eq = override.indexOf('=');
        String origin = "--set " + override;
        SourceLocation at = new SourceLocation(origin, 0, 0);
        if (eq <= 0) {
            throw new ConfigException(at, "expected --set key.path=value");
        }
        String key = override.substring(0, eq).trim();
        if (!key.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
            throw new ConfigException(at, "'" + key + "' is not a key path; expected dotted keys such as "
                    + "train.epochs");
        }
        String[] path = key.split("\\.");
        JsonNode value = LocatedYaml.parseValue(override.substring(eq + 1), origin);
        ObjectNode parent = root;
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < path.length - 1; i++) {
            pointer.append('/').append(path[i]);
            JsonNode child = parent.get(path[i]);
            if (child == null || !child.isObject()) {
                child = parent.putObject(path[i]);
                // a section this --set creates was written by it: its errors name the --set
                source.record(pointer.toString(), at);
            }
            parent = (ObjectNode) child;
        }
        pointer.append('/').append(path[path.length - 1]);
        parent.set(path[path.length - 1], value);
        source.record(pointer.toString(), at);
        if (value.isContainerNode()) {
            // nothing inside a --set value has a line of its own
            recordInside(source, pointer.toString(), value, at);
        }
    }

    /** Locates every key and item inside a {@code --set} value at that {@code --set}. */
    private static void recordInside(ConfigSource source, String pointer, JsonNode value, SourceLocation at) {
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            source.record(pointer + "/" + field.getKey(), at);
            recordInside(source, pointer + "/" + field.getKey(), field.getValue(), at);
        }
        for (int i = 0; value.isArray() && i < value.size(); i++) {
            source.record(pointer + "/" + i, at);
            recordInside(source, pointer + "/" + i, value.get(i), at);
        }
    }
}
