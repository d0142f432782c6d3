package dev.contrastive.api.testing;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.ConfigSection;
import dev.contrastive.api.SourceLocation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link ConfigSection} read from YAML text, bound with the runtime's rules: {@code snake_case}
 * keys, unknown keys refused, no float truncated to an integer, the record's own validation turned
 * into a {@link ConfigException} at the line of the offending text. For a plugin's tests of its
 * settings: {@code YamlSection.of("barlow", "lambda: -1").bind(BarlowConfig.class)}.
 */
public final class YamlSection implements ConfigSection {

    /** The file name errors give, as a run file's name would be. */
    public static final String FILE = "section.yaml";

    private static final ObjectMapper STRICT = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private final String path;
    private final String yaml;

    private YamlSection(String path, String yaml) {
        this.path = path;
        this.yaml = yaml;
    }

    /**
     * @param path the section's dotted path, e.g. {@code simclr} or {@code augment.cutout}
     * @param yaml the section's body, keys at the first column; empty for an absent section
     */
    public static YamlSection of(String path, String yaml) {
        return new YamlSection(path, yaml.isBlank() ? "{}" : yaml);
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public <T> T bind(Class<T> type) {
        try {
            return STRICT.readValue(yaml, type);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(at(e.getLocation()), path + "." + e.getPropertyName() + ": unknown key");
        } catch (ValueInstantiationException e) {
            // the record's compact constructor refused a value: name the key its message starts with
            String reason = e.getCause() == null ? e.getOriginalMessage() : e.getCause().getMessage();
            String key = reason == null ? "" : reason.split("[^a-z0-9_]", 2)[0];
            throw new ConfigException(location(key), path + ": " + reason);
        } catch (JsonProcessingException e) {
            throw new ConfigException(at(e.getLocation()), path + ": " + e.getOriginalMessage());
        }
    }

    /** The line where {@code key} is written at the section's first level, else the first line. */
    @Override
    public SourceLocation location(String key) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(key) + "\\s*:").matcher(yaml);
        if (key.isEmpty() || !line.find()) {
            return new SourceLocation(FILE, 1, 1);
        }
        return new SourceLocation(FILE, 1 + (int) yaml.substring(0, line.start()).chars().filter(c -> c == '\n').count(), 1);
    }

    private static SourceLocation at(JsonLocation location) {
        return location == null ? new SourceLocation(FILE, 1, 1)
                : new SourceLocation(FILE, Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }
}
