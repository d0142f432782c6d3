package dev.contrastive.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's resolved configuration as a value: every key, defaults filled in, taken once the run is
 * assembled (when every plugin has bound its section) and never changed after. It is what
 * {@code config.yaml} holds and what a resume compares with it.
 */
public final class ResolvedConfig {

    private final ObjectNode tree;
    private final Map<String, JsonNode> leaves;

    private ResolvedConfig(ObjectNode tree) {
        this.tree = tree;
        Map<String, JsonNode> collected = new LinkedHashMap<>();
        collect("", tree, collected);
        this.leaves = Collections.unmodifiableMap(collected);
    }

    /** A snapshot of {@code tree}: later changes to it do not reach the value. */
    public static ResolvedConfig of(ObjectNode tree) {
        return new ResolvedConfig(tree.deepCopy());
    }

    /** The resolved configuration a run folder's {@code config.yaml} holds. */
    public static ResolvedConfig read(Path yaml) throws IOException {
        JsonNode tree = new YAMLMapper().readTree(yaml.toFile());
        if (!(tree instanceof ObjectNode object)) {
            throw new IOException("it holds no mapping of keys");
        }
        return new ResolvedConfig(object);
    }

    /** The tree, a copy of its own. */
    public ObjectNode tree() {
        return tree.deepCopy();
    }

    /** Every value by its dotted key ({@code train.lr}); lists are values. */
    public Map<String, JsonNode> leaves() {
        return leaves;
    }

    /**
     * The keys {@code earlier} has whose value differs here, in {@code earlier}'s order (numbers
     * compared by value: YAML reads {@code 0.0005} back as another node type); keys only one side
     * has are not changes.
     */
    public List<String> changedSince(ResolvedConfig earlier) {
        List<String> changed = new ArrayList<>();
        earlier.leaves.forEach((key, old) -> {
            JsonNode now = leaves.get(key);
            if (now != null && !same(old, now)) {
                changed.add(key);
            }
        });
        return changed;
    }

    private static void collect(String prefix, JsonNode node, Map<String, JsonNode> leaves) {
        if (!node.isObject()) {
            leaves.put(prefix, node);
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            collect(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), leaves);
        }
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject() && a.size() == b.size()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = a.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!b.has(field.getKey()) || !same(field.getValue(), b.get(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResolvedConfig that && changedSince(that).isEmpty() && that.changedSince(this).isEmpty()
                && leaves.keySet().equals(that.leaves.keySet());
    }

    @Override
    public int hashCode() {
        return leaves.keySet().hashCode();
    }

    @Override
    public String toString() {
        return tree.toString();
    }
}
