package dev.contrastive.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.api.ConfigException;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** The keys of a contribution's run-file section and their defaults, as a run would resolve them. */
public final class SectionDefaults {

    private SectionDefaults() {
    }

    /**
     * Binds an empty section to {@code type} and lists what the record filled in, in the
     * run file's spelling ({@code snake_case} keys, YAML-like values).
     *
     * @param path the section's dotted path, e.g. {@code moco} or {@code augment.strong}
     * @param type the record the contribution binds its section to
     * @return key to default value, in the record's order
     * @throws ConfigException when the record has no defaults for some key (a required setting)
     */
    public static Map<String, String> of(String path, Class<? extends Record> type) {
        JsonNode tree = TreeSection.MAPPER.valueToTree(TreeSection.defaults(path).bind(type));
        Map<String, String> keys = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            keys.put(field.getKey(), value.isValueNode() ? value.asText() : value.toString());
        }
        return keys;
    }
}
