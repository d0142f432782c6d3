package dev.contrastive.runtime.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.SourceLocation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;

/**
 * Reads YAML into a Jackson tree while remembering the line and column of every key and item,
 * which Jackson's own tree model forgets. Duplicate keys are an error here.
 */
public final class LocatedYaml {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private LocatedYaml() {
    }

    /** A parsed document: its tree and where each value was written. */
    public record Document(JsonNode root, ConfigSource source) {
    }

    /**
     * Reads a YAML file's text.
     *
     * @param kind what the file is, for the message when it is missing ("run file", "sweep file")
     * @throws ConfigException naming the file when it is missing or unreadable
     */
    public static String read(Path file, String kind) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(new SourceLocation(file.toString(), 0, 0), kind + " not found");
        } catch (IOException e) {
            throw new ConfigException(new SourceLocation(file.toString(), 0, 0), "cannot read: " + e);
        }
    }

    /**
     * Parses YAML text.
     *
     * @param text the document
     * @param file the name used in error messages
     * @throws ConfigException on malformed YAML or a duplicate key
     */
    public static Document parse(String text, String file) {
        ConfigSource source = new ConfigSource(file, new HashMap<>());
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new Document(NODES.objectNode(), source);
            }
            JsonNode root = read(parser, "", source);
            return new Document(root, source);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ConfigException(location(file, at),
                    "malformed YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new ConfigException(new SourceLocation(file, 0, 0), "cannot read: " + e.getMessage());
        }
    }

    /** Parses one value written on the command line, e.g. {@code 5} or {@code [0.2, 1.0]}. */
    public static JsonNode parseValue(String text, String origin) {
        return parse(text.isEmpty() ? "''" : text, origin).root();
    }

    private static JsonNode read(JsonParser parser, String pointer, ConfigSource source)
            throws IOException {
        String file = source.file();
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    SourceLocation at = location(file, parser.currentTokenLocation());
                    String child = pointer + "/" + key;
                    if (object.has(key)) {
                        throw new ConfigException(at, "duplicate key '" + key + "' (first written at "
                                + source.locate(child) + ")");
                    }
                    source.record(child, at);
                    parser.nextToken();
                    object.set(key, read(parser, child, source));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    String child = pointer + "/" + index++;
                    source.record(child, location(file, parser.currentTokenLocation()));
                    array.add(read(parser, child, source));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return NODES.numberNode(parser.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(parser.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(parser.getBooleanValue());
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new ConfigException(location(file, parser.currentTokenLocation()),
                    "unsupported YAML value " + parser.currentToken());
        }
    }

    private static SourceLocation location(String file, JsonLocation at) {
        return at == null ? new SourceLocation(file, 0, 0)
                : new SourceLocation(file, at.getLineNr(), at.getColumnNr());
    }
}
