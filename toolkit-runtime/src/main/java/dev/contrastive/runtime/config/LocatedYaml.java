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
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.SourceLocation;
import dev.contrastive.runtime.io.InputPaths;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;

/**
 * Reads YAML into a Jackson tree while remembering the line and column of every key and item,
 * which Jackson's own tree model forgets. Duplicate keys, a second document, tags (but
 * {@code !!str}), aliases without an anchor before them and nesting deeper than
 * {@link #MAX_DEPTH} are errors at their line; aliases are resolved; only {@code true} and
 * {@code false} are booleans.
 */
public final class LocatedYaml {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The most bytes a run or sweep file may have: they are a few kB of YAML. */
    public static final int MAX_BYTES = 4 << 20;
    /** The deepest nesting of sections and lists a run or sweep file may have. */
    public static final int MAX_DEPTH = 32;
    /** The one explicit tag a value may carry: {@code !!str}, a string as it is written. */
    private static final String STRING_TAG = "tag:yaml.org,2002:str";

    /** SnakeYAML's limits, set to the documented ones: every text of {@link #MAX_BYTES} is read. */
    private static final LoaderOptions OPTIONS = options();
    // the builder, unlike new YAMLFactory(), leaves an empty value ("epochs:") an empty string: keep it null
    private static final YAMLFactory YAML = YAMLFactory.builder().loaderOptions(OPTIONS)
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();

    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_BYTES + 1);
        options.setNestingDepthLimit(MAX_DEPTH + 2); // deeper is refused here first, at its line
        return options;
    }

    private LocatedYaml() {
    }

    /** A parsed document: its tree and where each value was written. */
    public record Document(JsonNode root, ConfigSource source) {
    }

    /**
     * Reads a YAML file's text, at most {@link #MAX_BYTES} of UTF-8; reading stops there, so a
     * huge file is refused without filling the memory. Only a regular file is opened
     * ({@link InputPaths}): a FIFO, a device such as {@code /dev/zero} or a folder is named as such.
     *
     * @param kind what the file is, for the message when it is missing ("run file", "sweep file")
     * @throws ConfigException naming the file when it is missing, unreadable, too large or not UTF-8
     */
    public static String read(Path file, String kind) {
        SourceLocation at = new SourceLocation(file.toString(), 0, 0);
        if (!Files.isRegularFile(file)) {
            // a FIFO would block the reader, a device never end: neither is opened
            throw new ConfigException(at, InputPaths.problem(file, kind));
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new ConfigException(at, kind + " not found");
        } catch (IOException e) {
            throw new ConfigException(at, "cannot read the " + kind + ": " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw new ConfigException(at, "is larger than " + (MAX_BYTES >> 20) + " MiB; a " + kind
                    + " is a few kB of YAML");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(at, "is not UTF-8 text; a " + kind + " is YAML");
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
            JsonNode root = read(parser, "", source, YamlAnchors.scan(text, OPTIONS));
            if (parser.nextToken() != null) {
                throw new ConfigException(location(file, parser.currentTokenLocation()), "a second YAML document "
                        + "(after ---); a run or sweep file is one document: remove it, or put it in a file of its own");
            }
            return new Document(root, source);
        } catch (JsonProcessingException e) {
            throw malformed(text, file, e);
        } catch (IOException e) {
            throw new ConfigException(new SourceLocation(file, 0, 0), "cannot read: " + e.getMessage());
        }
    }

    /**
     * Parses one value written on the command line, e.g. {@code 5} or {@code [0.2, 1.0]}; an
     * empty text is an error (it would otherwise read as null, that is the default).
     *
     * @param origin the {@code --set key=value} text, named in every message
     */
    public static JsonNode parseValue(String text, String origin) {
        SourceLocation at = new SourceLocation(origin, 0, 0);
        if (text.isBlank()) {
            throw new ConfigException(at, "no value after '='; give one, e.g. --set train.epochs=10");
        }
        try {
            JsonNode value = parse(text, origin).root();
            if (value.isNull()) {
                throw new ConfigException(at, "'" + text.strip() + "' is no value; leave the --set out to take "
                        + "the default");
            }
            return value;
        } catch (ConfigException e) {
            if (e.location().equals(at)) {
                throw e;
            }
            // a --set value has no lines of its own: name the --set, not a line and column of it
            String message = e.getMessage().substring(e.location().toString().length() + 2);
            throw new ConfigException(at, message);
        }
    }

    /**
     * The message of malformed YAML at the place SnakeYAML found the problem (Jackson reports
     * where the construct began, often a line early); a tab in the indentation is named as such.
     */
    private static ConfigException malformed(String text, String file, JsonProcessingException e) {
        Throwable cause = e.getCause();
        if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark mark = marked.getProblemMark();
            SourceLocation at = new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1);
            String problem = String.valueOf(marked.getProblem());
            if (problem.contains("(TAB)")) {
                String line = text.lines().skip(mark.getLine()).findFirst().orElse("");
                boolean indentation = line.substring(0, Math.min(mark.getColumn(), line.length())).isBlank();
                return new ConfigException(at, indentation
                        ? "tab characters are not allowed in YAML indentation; indent with spaces"
                        : "a tab character is not allowed here in YAML; use spaces");
            }
            return new ConfigException(at, "malformed YAML: " + problem.lines().findFirst().orElse(""));
        }
        if (cause instanceof NumberFormatException) {
            return new ConfigException(location(file, e.getLocation()), "not a finite number: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        return new ConfigException(location(file, e.getLocation()),
                "malformed YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    }

    /**
     * Reads the value at the parser's token: aliases resolved ({@link YamlAnchors}), no tag but
     * {@code !!str}, only {@code true} and {@code false} as booleans, at most {@link #MAX_DEPTH} deep.
     */
    private static JsonNode read(JsonParser parser, String pointer, ConfigSource source, YamlAnchors anchors)
            throws IOException {
        SourceLocation at = location(source.file(), parser.currentTokenLocation());
        YAMLParser yaml = (YAMLParser) parser;
        if (yaml.isCurrentAlias()) {
            return anchors.resolve(parser.getText(), at);
        }
        String tag = yaml.getTypeId();
        if (tag != null && !tag.equals(STRING_TAG)) {
            String shown = tag.startsWith("tag:yaml.org,2002:") ? "!!" + tag.substring("tag:yaml.org,2002:".length())
                    : tag.startsWith("!") || tag.contains(":") ? tag : "!" + tag; // a local tag comes without its '!'
            throw new ConfigException(at, "the YAML tag " + shown + " is not "
                    + "supported (only !!str); a run file holds plain values: remove the tag");
        }
        if (pointer.chars().filter(c -> c == '/').count() > MAX_DEPTH) {
            throw new ConfigException(at, "nested deeper than " + MAX_DEPTH + " levels; a run file's sections "
                    + "nest a few levels");
        }
        String anchor = anchors.anchorAt(parser.currentTokenLocation());
        JsonNode value = value(parser, pointer, source, anchors);
        if (anchor != null) {
            anchors.define(anchor, value);
        }
        return value;
    }

    private static JsonNode value(JsonParser parser, String pointer, ConfigSource source, YamlAnchors anchors)
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
                    object.set(key, read(parser, child, source, anchors));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    String child = pointer + "/" + index++;
                    source.record(child, location(file, parser.currentTokenLocation()));
                    array.add(read(parser, child, source, anchors));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw new ConfigException(location(file, parser.currentTokenLocation()), "the number "
                            + parser.getText() + " is too large (at most " + Long.MAX_VALUE + ")");
                }
                return NODES.numberNode(parser.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                double value = parser.getDoubleValue();
                if (!Double.isFinite(value)) {
                    throw new ConfigException(location(file, parser.currentTokenLocation()), parser.getText()
                            + " is not a finite number (beyond the range of a double); every number must be finite");
                }
                return NODES.numberNode(value);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                // YAML 1.1 reads yes, no, on, off, y and n as booleans; here, as in YAML 1.2, they are words
                String text = parser.getText();
                return text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")
                        ? NODES.booleanNode(parser.getBooleanValue()) : NODES.textNode(text);
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
