package dev.contrastive.api.testing;

import dev.contrastive.api.ConfigSection;
import dev.contrastive.api.SourceLocation;

/**
 * A {@link ConfigSection} for plugins' unit tests whose {@link #bind} returns a record the test
 * built, at a fixed location: for testing what an objective does with settings, not their binding.
 *
 * @param path the section's dotted path, e.g. {@code clsa}
 * @param value what {@link #bind} returns
 * @param at where every key of the section is said to be written
 */
public record FixedSection(String path, Object value, SourceLocation at) implements ConfigSection {

    @Override
    public <T> T bind(Class<T> type) {
        return type.cast(value);
    }

    @Override
    public SourceLocation location(String key) {
        return at;
    }
}
