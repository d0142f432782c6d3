package dev.contrastive.runtime.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.ConfigSection;
import dev.contrastive.api.SourceLocation;

import java.io.IOException;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * A section of the run's configuration tree that binds strictly into a record and turns every
 * Jackson error into a {@link ConfigException} with the file, line and column of the bad value.
 */
public final class TreeSection implements ConfigSection {

    /**
     * Strict binding: unknown keys, nulls for primitives, float-to-int truncation, numbers that
     * are not finite (a quoted {@code "Infinity"} or {@code "NaN"}) and booleans written as
     * anything but {@code true} or {@code false} ({@code 2}, {@code "yes"}) fail.
     */
    static final ObjectMapper MAPPER = strictMapper();

    /** The mapper of {@link #MAPPER}; a boolean is only {@code true} or {@code false}, never a number or a word. */
    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .registerModule(new SimpleModule("finite-numbers")
                        .addDeserializer(Double.class, new FiniteDouble(Double.class))
                        .addDeserializer(double.class, new FiniteDouble(double.class)));
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return mapper;
    }

    /** Jackson's own parsing of a double, refusing infinities and NaN. */
    private static final class FiniteDouble extends JsonDeserializer<Double> {
        private final JsonDeserializer<?> standard;

        FiniteDouble(Class<?> type) {
            standard = NumberDeserializers.find(type, type.getName());
        }

        @Override
        public Double deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Double value = (Double) standard.deserialize(parser, context);
            if (value != null && !Double.isFinite(value)) {
                throw InvalidFormatException.from(parser, "not a finite number", parser.getText(), Double.class);
            }
            return value;
        }

        @Override
        public Double getNullValue(DeserializationContext context) throws JsonMappingException {
            return (Double) standard.getNullValue(context);
        }
    }

    private final String path;
    private final JsonNode node;
    private final ConfigSource source;
    private final BiConsumer<String, Object> onBound;

    /**
     * @param path dotted path of the section
     * @param node the section's subtree (an empty object when absent from the file)
     * @param source locations of the whole tree
     * @param onBound told of every successful bind, to write the resolved configuration
     */
    public TreeSection(String path, JsonNode node, ConfigSource source,
            BiConsumer<String, Object> onBound) {
        this.path = path;
        this.node = node == null || node.isNull() ? JsonNodeFactory.instance.objectNode() : node;
        this.source = source;
        this.onBound = onBound;
    }

    /** A section absent from every file: binding it gives a record's defaults. */
    public static TreeSection defaults(String path) {
        return new TreeSection(path, null, new ConfigSource(path, new java.util.HashMap<>()), (p, v) -> { });
    }

    /**
     * This section with {@code values} set over its keys, for one view's own settings
     * ({@link dev.contrastive.api.ViewRequest#settings}). Not recorded in the resolved
     * configuration, which holds the run file's section.
     */
    public TreeSection withValues(Map<String, Object> values) {
        if (values.isEmpty()) {
            return this;
        }
        ObjectNode copy = node.isObject() ? ((ObjectNode) node).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        values.forEach((key, value) -> copy.set(key, MAPPER.valueToTree(value)));
        return new TreeSection(path, copy, source, (p, v) -> { });
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public <T> T bind(Class<T> type) {
        if (!node.isObject()) {
            throw new ConfigException(location(""), path + ": expected a section of keys, got " + node);
        }
        refuseEmptyValues(type);
        try {
            T value = MAPPER.treeToValue(node, type);
            onBound.accept(path, value);
            return value;
        } catch (UnrecognizedPropertyException e) {
            String key = pathOf(e);
            throw new ConfigException(location(key), "unknown key '" + dotted(key) + "'; allowed: "
                    + String.join(", ", new TreeSet<>(e.getKnownPropertyIds().stream()
                            .map(Object::toString).toList())));
        } catch (ValueInstantiationException e) {
            // the record that refused its values may be nested (clsa.views.1): look for the key there
            String reason = e.getCause() == null ? e.getOriginalMessage() : e.getCause().getMessage();
            String record = pathOf(e);
            String key = keyNamedIn(reason, valueAt(record));
            String at = record.isEmpty() ? key : key.isEmpty() ? record : record + "." + key;
            String where = dotted(record);
            throw new ConfigException(location(at), where.isEmpty() ? reason : where + ": " + reason);
        } catch (InvalidFormatException e) {
            String key = pathOf(e);
            if (e.getTargetType() == Double.class && "not a finite number".equals(e.getOriginalMessage())) {
                throw new ConfigException(location(key), dotted(key) + ": expected a finite number, got '"
                        + e.getValue() + "'");
            }
            throw new ConfigException(location(key), dotted(key) + ": expected "
                    + e.getTargetType().getSimpleName().toLowerCase() + ", got '" + e.getValue() + "'");
        } catch (MismatchedInputException e) {
            String key = pathOf(e);
            String expected = e.getTargetType() == null ? "another type"
                    : e.getTargetType().getSimpleName().toLowerCase();
            throw new ConfigException(location(key), dotted(key) + ": expected " + expected
                    + ", got " + valueAt(key));
        } catch (JsonMappingException e) {
            String key = pathOf(e);
            throw new ConfigException(location(key), dotted(key) + ": " + e.getOriginalMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigException(location(""), path + ": " + e.getOriginalMessage());
        }
    }

    /**
     * A key written without a value ({@code epochs:} or {@code epochs: null}) would bind to null,
     * which the records read as "take the default": refused for every scalar setting, so that a
     * forgotten value never passes for the default.
     */
    private void refuseEmptyValues(Class<?> type) {
        if (!type.isRecord()) {
            return;
        }
        for (java.lang.reflect.RecordComponent component : type.getRecordComponents()) {
            Class<?> kind = component.getType();
            boolean scalar = kind.isPrimitive() || Number.class.isAssignableFrom(kind) || kind == String.class
                    || kind == Boolean.class;
            String key = PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(component.getName());
            if (scalar && node.has(key) && node.get(key).isNull()) {
                throw new ConfigException(location(key), dotted(key) + ": no value; give one, or leave the key "
                        + "out to take its default");
            }
        }
    }

    @Override
    public SourceLocation location(String key) {
        return source.locate(pointer(key));
    }

    private String pointer(String key) {
        String base = path.isEmpty() ? "" : "/" + path.replace('.', '/');
        return key.isEmpty() ? base : base + "/" + key.replace('.', '/');
    }

    private String dotted(String key) {
        return key.isEmpty() ? path : path.isEmpty() ? key : path + "." + key;
    }

    private JsonNode valueAt(String key) {
        return key.isEmpty() ? node : node.at("/" + key.replace('.', '/'));
    }

    /**
     * The key of {@code record} (a part of this section) that a validation message starts with, if
     * any: a key of its own ({@code queue must be ...}) or a dotted path into it ({@code
     * projector.2.units: ...}), the longest written one.
     */
    private static String keyNamedIn(String reason, JsonNode record) {
        String key = reason == null ? "" : reason.split("[ :(]", 2)[0];
        while (!key.isEmpty() && record.at("/" + key.replace('.', '/')).isMissingNode()) {
            key = key.contains(".") ? key.substring(0, key.lastIndexOf('.')) : "";
        }
        return key;
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder key = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (key.length() > 0) {
                key.append('.');
            }
            key.append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
        }
        return key.toString();
    }
}
