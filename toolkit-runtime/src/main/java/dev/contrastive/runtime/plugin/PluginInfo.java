package dev.contrastive.runtime.plugin;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code toolkit plugins} shows of one plugin.
 *
 * @param id PF4J plugin id
 * @param version plugin version
 * @param provider who ships it
 * @param requires the toolkit versions it accepts ({@code Plugin-Requires}), {@code *} when unset
 * @param jar where it was loaded from ({@code null} for the runtime's built-ins)
 * @param objectives names of the objectives it contributes
 * @param policies names of the augmentation policies it contributes
 */
public record PluginInfo(String id, String version, String provider, String requires, Path jar,
        List<String> objectives, List<String> policies) {

    /** How errors name the plugin: id, version and JAR. */
    public String label() {
        return "plugin '" + id + "' " + version + (jar == null ? "" : " (" + jar + ")");
    }
}
