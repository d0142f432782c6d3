package dev.contrastive.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.contrastive.api.AugmentationPolicy;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.ContrastiveObjective;
import dev.contrastive.inference.VitSpec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every key a run file may hold with the default a run resolves it to: the runtime's own sections
 * and each installed objective's and policy's section, bound from empty sections as
 * {@link RunConfigLoader} binds them. {@code toolkit plugins --defaults} prints it, and the
 * documentation of run files is checked against it.
 */
public final class RunFileDefaults {

    /** The value of a key without a default ({@code objective}). */
    public static final String REQUIRED = "<required>";

    /** The default of {@code train.threads}: the machine's available processors. */
    public static final String CORES = "<cores>";

    /** The runtime's sections in the order a run file usually writes them; {@code augment} holds the policies. */
    private static final List<String> RUNTIME_SECTIONS = List.of("data", "model", "train", "augment", "knn", "eval", "log");

    private static final Map<String, Class<? extends Record>> RUNTIME_TYPES = Map.of(
            "data", DataConfig.class, "model", ModelConfig.class, "train", TrainConfig.class,
            "knn", KnnConfig.class, "eval", EvalConfig.class, "log", LogConfig.class);

    private RunFileDefaults() {
    }

    /**
     * The tree of every key and its default: {@code name}, {@code seed}, {@code objective}
     * ({@value #REQUIRED}), the runtime's sections, {@code augment.<policy>} for each policy with
     * settings, then a section for each objective with settings. Machine-dependent defaults are
     * written symbolically ({@code train.threads}: {@value #CORES}).
     *
     * @param objectives the installed objectives by name
     * @param policies the installed augmentation policies by name, built-ins included
     */
    public static ObjectNode of(Map<String, ContrastiveObjective<?>> objectives, Map<String, AugmentationPolicy> policies) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode header = JsonNodeFactory.instance.objectNode().put("objective", REQUIRED);
        RunSettings settings = new TreeSection("", header, new ConfigSource("defaults", new java.util.HashMap<>()),
                (p, v) -> { }).bind(RunSettings.class);
        root.setAll((ObjectNode) TreeSection.MAPPER.valueToTree(settings));
        for (String section : RUNTIME_SECTIONS) {
            if (section.equals("augment")) {
                ObjectNode augment = root.putObject("augment");
                policies.forEach((name, policy) -> {
                    if (policy.configType() != null) {
                        augment.set(name, section("augment." + name, policy.configType()));
                    }
                });
            } else {
                root.set(section, section(section, RUNTIME_TYPES.get(section)));
            }
        }
        ((ObjectNode) root.get("train")).put("threads", CORES);
        // absent under the default ResNet; these are what backbone: vit resolves it to
        ((ObjectNode) root.get("model")).set("vit", TreeSection.MAPPER.valueToTree(VitSpec.defaults()));
        objectives.forEach((name, objective) -> {
            if (objective.configType() != null) {
                root.set(name, section(name, objective.configType()));
            }
        });
        Set<String> uncovered = new TreeSet<>(RunConfigLoader.RUNTIME_KEYS);
        root.fieldNames().forEachRemaining(uncovered::remove);
        if (!uncovered.isEmpty()) {
            throw new IllegalStateException("RunFileDefaults does not list the runtime's keys " + uncovered);
        }
        return root;
    }

    /** A section's defaults; a section with required keys is the text {@value #REQUIRED} and why. */
    private static JsonNode section(String path, Class<? extends Record> type) {
        try {
            return TreeSection.MAPPER.valueToTree(TreeSection.defaults(path).bind(type));
        } catch (ConfigException e) {
            return TextNode.valueOf(REQUIRED + " " + e.getMessage());
        }
    }

    /**
     * The tree as YAML: sections as blocks, values in flow style ({@code [0.2, 1.0]},
     * {@code [{size: 0.43, scale: [0.086, 0.429]}]}), strings quoted only where YAML would read
     * them otherwise.
     *
     * @param tree what {@link #of} returned
     * @param comments a comment for some dotted keys, written after the key
     */
    public static String yaml(ObjectNode tree, Map<String, String> comments) {
        StringBuilder out = new StringBuilder();
        block(out, tree, "", 0, comments);
        return out.toString();
    }

    private static void block(StringBuilder out, ObjectNode node, String prefix, int indent, Map<String, String> comments) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String path = prefix + field.getKey();
            JsonNode value = field.getValue();
            String comment = comments.containsKey(path) ? "  # " + comments.get(path) : "";
            out.append(" ".repeat(indent)).append(field.getKey()).append(':');
            if (value.isObject() && !value.isEmpty()) {
                out.append(comment).append('\n');
                block(out, (ObjectNode) value, path + ".", indent + 2, comments);
            } else {
                out.append(' ').append(flow(value)).append(comment).append('\n');
            }
        }
    }

    /** A value in YAML's flow style. */
    static String flow(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(flow(item)));
            return "[" + String.join(", ", items) + "]";
        }
        if (value.isObject()) {
            Map<String, String> entries = new LinkedHashMap<>();
            value.fields().forEachRemaining(e -> entries.put(e.getKey(), flow(e.getValue())));
            List<String> items = new ArrayList<>();
            entries.forEach((k, v) -> items.add(k + ": " + v));
            return "{" + String.join(", ", items) + "}";
        }
        if (value.isTextual()) {
            return scalar(value.asText());
        }
        if (value.isFloatingPointNumber()) {
            // YAML 1.1 reads an exponent as a float only with its sign: 1.0E+10, not 1.0E10
            String text = Double.toString(value.asDouble());
            return text.matches(".*E\\d.*") ? text.replace("E", "E+") : text;
        }
        return value.asText(); // integers, booleans, null
    }

    /** A string, plain where YAML reads it back as that string, else double-quoted. */
    private static String scalar(String text) {
        boolean plain = text.matches("[A-Za-z<][A-Za-z0-9._/<>+-]*")
                && !text.matches("(?i)true|false|yes|no|on|off|null|y|n");
        if (plain) {
            return text;
        }
        try {
            return TreeSection.MAPPER.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
