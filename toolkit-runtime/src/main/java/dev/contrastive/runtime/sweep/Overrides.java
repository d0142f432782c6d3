package dev.contrastive.runtime.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.SourceLocation;

import java.util.LinkedHashMap;
import java.util.Map;

/** Override maps ({@code dotted.key -> value} as {@code --set} takes it): their ids, groups and values. */
final class Overrides {

    /** The key that crosses explicit variants and that groups leave out. */
    static final String SEED = "seed";

    private Overrides() {
    }

    /** A value as {@code --set} takes it: scalars as text, lists and maps in flow style. */
    static String value(JsonNode node) {
        return node.isValueNode() ? node.asText() : node.toString();
    }

    /** Refuses a key that is no dotted config key. */
    static void checkKey(String key, SourceLocation at) {
        if (!key.matches("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*")) {
            throw new ConfigException(at, "'" + key + "' is not a dotted config key such as train.epochs");
        }
    }

    /** The overrides of a variant's group: all but its seed. */
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
