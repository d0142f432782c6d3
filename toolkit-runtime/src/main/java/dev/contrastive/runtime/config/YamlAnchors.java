package dev.contrastive.runtime.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.SourceLocation;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;

import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;

/**
 * YAML anchors ({@code &name}) and their aliases ({@code *name}), which Jackson's parser does not
 * resolve: it reads an alias as its name, a plain string. SnakeYAML's own events say where each
 * anchor is written; as the tree is read, an anchored value is kept, and an alias becomes a copy
 * of it. An alias whose anchor was not written before it is an error at its line, and aliases
 * may not expand a document beyond {@link #MAX_EXPANDED} values (a "billion laughs" file).
 */
final class YamlAnchors {

    /** The most values copies of aliases may add to one document. */
    static final int MAX_EXPANDED = 100_000;

    private final Map<String, String> anchorsByPosition;
    private final Map<String, JsonNode> defined = new HashMap<>();
    private int expanded;

    private YamlAnchors(Map<String, String> anchorsByPosition) {
        this.anchorsByPosition = anchorsByPosition;
    }

    /** Where {@code text} writes its anchors; none is looked for in a text without {@code &}. */
    static YamlAnchors scan(String text, LoaderOptions options) {
        Map<String, String> anchors = new HashMap<>();
        if (text.indexOf('&') >= 0) {
            try {
                for (Event event : new Yaml(options).parse(new StringReader(text))) {
                    if (event instanceof NodeEvent node && node.getAnchor() != null
                            && event.getEventId() != Event.ID.Alias) {
                        anchors.put(position(event.getStartMark()), node.getAnchor());
                    }
                }
            } catch (RuntimeException malformed) {
                // the reading itself reports it, at its line
            }
        }
        return new YamlAnchors(anchors);
    }

    /** The anchor written on the value that starts at {@code at}, or null. */
    String anchorAt(JsonLocation at) {
        return at == null ? null : anchorsByPosition.get((at.getLineNr() - 1) + ":" + (at.getColumnNr() - 1));
    }

    /** Keeps the value of an anchor, for the aliases after it. */
    void define(String anchor, JsonNode value) {
        defined.put(anchor, value);
    }

    /**
     * A copy of the value of {@code anchor}.
     *
     * @throws ConfigException at {@code at} when no such anchor was written before, or when the
     *     aliases expand the document too far
     */
    JsonNode resolve(String anchor, SourceLocation at) {
        JsonNode value = defined.get(anchor);
        if (value == null) {
            throw new ConfigException(at, "the alias *" + anchor + " refers to no anchor: write &" + anchor
                    + " on a value before it, or write the value itself");
        }
        expanded += size(value);
        if (expanded > MAX_EXPANDED) {
            throw new ConfigException(at, "aliases expand this document to more than " + MAX_EXPANDED
                    + " values; a run file is a few kB of YAML");
        }
        return value.deepCopy();
    }

    private static int size(JsonNode node) {
        int size = 1;
        for (JsonNode child : node) {
            size += size(child);
        }
        return size;
    }

    private static String position(Mark mark) {
        return mark.getLine() + ":" + mark.getColumn();
    }
}
