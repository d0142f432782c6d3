package dev.contrastive.runtime.plugin;

import dev.contrastive.api.AugmentationPolicy;
import dev.contrastive.api.ContrastiveObjective;
import dev.contrastive.runtime.UserError;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The objectives and augmentation policies available to a run: the runtime's built-ins plus
 * every extension of the plugin JARs in the given folders. Any JAR that cannot be used (corrupt,
 * no plugin manifest, needs a newer toolkit, fails to start) is an error naming the JAR: a run
 * never starts with a silently missing plugin.
 */
public final class PluginCatalog implements AutoCloseable {

    private final PluginManager manager;
    private final Map<String, ContrastiveObjective> objectives = new TreeMap<>();
    private final Map<String, AugmentationPolicy> policies = new TreeMap<>();
    private final List<PluginInfo> plugins = new ArrayList<>();

    /**
     * Loads and starts the plugins.
     *
     * @param roots folders holding plugin JARs; the first may be absent (no bundled plugins)
     * @param toolkitVersion checked against each plugin's {@code Plugin-Requires}
     * @param builtInPolicies policies of the runtime itself
     * @throws UserError naming the JAR that cannot be used
     */
    public PluginCatalog(List<Path> roots, String toolkitVersion, List<AugmentationPolicy> builtInPolicies) {
        List<Path> jars = new ArrayList<>();
        for (Path root : roots) {
            jars.addAll(checkedJars(root));
        }
        manager = new ToolkitPluginManager(roots.stream().filter(Files::isDirectory).toList(), toolkitVersion);
        manager.loadPlugins();
        for (Path jar : jars) {
            PluginWrapper plugin = manager.getPlugins().stream()
                    .filter(p -> samePath(p.getPluginPath(), jar)).findFirst()
                    .orElseThrow(() -> new UserError(UserError.PLUGIN, "plugin JAR " + jar
                            + " could not be loaded (is its Plugin-Id used by another JAR?)"));
            if (plugin.getPluginState() == PluginState.DISABLED) {
                throw new UserError(UserError.PLUGIN, "plugin JAR " + jar + " ('" + plugin.getPluginId()
                        + "') requires toolkit " + plugin.getDescriptor().getRequires()
                        + ", but this is toolkit " + toolkitVersion);
            }
        }
        manager.startPlugins();
        builtInPolicies.forEach(policy -> register(policies, policy.name(), policy, "the runtime"));
        plugins.add(new PluginInfo("runtime", toolkitVersion, "built in", null, List.of(),
                builtInPolicies.stream().map(AugmentationPolicy::name).toList()));
        for (PluginWrapper plugin : manager.getPlugins()) {
            if (plugin.getPluginState() != PluginState.STARTED) {
                throw new UserError(UserError.PLUGIN, "plugin JAR " + plugin.getPluginPath()
                        + " failed to start: " + plugin.getFailedException());
            }
            collect(plugin);
        }
    }

    private void collect(PluginWrapper plugin) {
        String id = plugin.getPluginId();
        List<String> objectiveNames = new ArrayList<>();
        List<String> policyNames = new ArrayList<>();
        for (ContrastiveObjective objective : manager.getExtensions(ContrastiveObjective.class, id)) {
            register(objectives, objective.name(), objective, id);
            objectiveNames.add(objective.name());
        }
        for (AugmentationPolicy policy : manager.getExtensions(AugmentationPolicy.class, id)) {
            register(policies, policy.name(), policy, id);
            policyNames.add(policy.name());
        }
        plugins.add(new PluginInfo(id, plugin.getDescriptor().getVersion(),
                plugin.getDescriptor().getProvider(), plugin.getPluginPath(), objectiveNames, policyNames));
    }

    private static <T> void register(Map<String, T> registry, String name, T extension, String owner) {
        if (name == null || !name.matches("[a-z][a-z0-9_-]*")) {
            throw new UserError(UserError.PLUGIN, owner + " contributes an extension with the bad name '"
                    + name + "' (lower-case letters, digits, _ and - only)");
        }
        if (registry.putIfAbsent(name, extension) != null) {
            throw new UserError(UserError.PLUGIN, "two plugins contribute '" + name + "' (the second is "
                    + owner + "); remove one of the JARs");
        }
    }

    /** JARs of one folder, each opened once to reject corrupt files and non-plugins early. */
    private static List<Path> checkedJars(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(root)) {
            List<Path> jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            for (Path jar : jars) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    if (file.getManifest() == null
                            || file.getManifest().getMainAttributes().getValue("Plugin-Id") == null) {
                        throw new UserError(UserError.PLUGIN, "plugin JAR " + jar
                                + " has no Plugin-Id in its manifest; it is not a toolkit plugin");
                    }
                } catch (IOException e) {
                    throw new UserError(UserError.PLUGIN, "plugin JAR " + jar + " is corrupt: " + e.getMessage());
                }
            }
            return jars;
        } catch (IOException e) {
            throw new UserError(UserError.PLUGIN, "cannot list plugin folder " + root + ": " + e.getMessage());
        }
    }

    private static boolean samePath(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** Objectives by name. */
    public Map<String, ContrastiveObjective> objectives() {
        return objectives;
    }

    /** Augmentation policies by name, built-ins included. */
    public Map<String, AugmentationPolicy> policies() {
        return policies;
    }

    /** Every plugin, the runtime's built-ins first. */
    public List<PluginInfo> plugins() {
        return plugins;
    }

    @Override
    public void close() {
        // PF4J's stopPlugins() modifies the list it iterates; stop each from a copy instead.
        for (PluginWrapper plugin : new ArrayList<>(manager.getStartedPlugins())) {
            manager.stopPlugin(plugin.getPluginId());
        }
        for (PluginWrapper plugin : new ArrayList<>(manager.getPlugins())) {
            manager.unloadPlugin(plugin.getPluginId());
        }
    }
}
