package dev.contrastive.runtime.plugin;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.contrastive.api.AddOnObjective;
import dev.contrastive.api.AugmentationPolicy;
import dev.contrastive.api.BaseObjective;
import dev.contrastive.api.ContrastiveObjective;
import dev.contrastive.runtime.UserError;
import org.pf4j.DefaultVersionManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
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
    private final Map<String, ContrastiveObjective<?>> objectives = new TreeMap<>();
    private final Map<String, AugmentationPolicy> policies = new TreeMap<>();
    private final Map<String, PluginInfo> contributors = new HashMap<>();
    private final List<PluginInfo> plugins = new ArrayList<>();
    private final Map<String, PluginInfo> classOwners = new HashMap<>();

    /**
     * Loads and starts the plugins.
     *
     * @param roots folders holding plugin JARs; the first may be absent (no bundled plugins)
     * @param toolkitVersion checked against each plugin's {@code Plugin-Requires}
     * @param builtInPolicies policies of the runtime itself
     * @throws UserError naming the JAR that cannot be used
     */
    public PluginCatalog(List<Path> roots, String toolkitVersion, List<AugmentationPolicy> builtInPolicies) {
        this(roots, toolkitVersion, builtInPolicies, Guice.createInjector());
    }

    /**
     * Loads and starts the plugins, their extensions created by child injectors of {@code host}.
     *
     * @param roots folders holding plugin JARs; the first may be absent (no bundled plugins)
     * @param toolkitVersion checked against each plugin's {@code Plugin-Requires}
     * @param builtInPolicies policies of the runtime itself
     * @param host the host's injector (the CLI's)
     * @throws UserError naming the JAR that cannot be used
     */
    public PluginCatalog(List<Path> roots, String toolkitVersion, List<AugmentationPolicy> builtInPolicies,
            Injector host) {
        List<Path> jars = new ArrayList<>();
        Map<String, Path> ids = new HashMap<>();
        for (Path root : roots) {
            jars.addAll(checkedJars(root, toolkitVersion, ids));
        }
        manager = new ToolkitPluginManager(roots.stream().filter(Files::isDirectory).toList(), toolkitVersion, host);
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
        PluginInfo runtime = new PluginInfo("runtime", toolkitVersion, "built in", toolkitVersion, null, List.of(),
                builtInPolicies.stream().map(AugmentationPolicy::name).toList());
        builtInPolicies.forEach(policy -> register(policies, "policy", policy.name(), policy, runtime));
        plugins.add(runtime);
        for (PluginWrapper plugin : manager.getPlugins()) {
            if (plugin.getPluginState() != PluginState.STARTED) {
                throw new UserError(UserError.PLUGIN, "plugin JAR " + plugin.getPluginPath()
                        + " failed to start: " + plugin.getFailedException());
            }
            collect(plugin);
        }
    }

    private void collect(PluginWrapper plugin) {
        var descriptor = plugin.getDescriptor();
        PluginInfo info = new PluginInfo(plugin.getPluginId(), descriptor.getVersion(), descriptor.getProvider(),
                descriptor.getRequires(), plugin.getPluginPath(), new ArrayList<>(), new ArrayList<>());
        try (JarFile jar = new JarFile(plugin.getPluginPath().toFile())) {
            classesOf(jar).forEach(name -> classOwners.put(name, info));
            checkExtensionsLoad(jar, plugin, info);
        } catch (IOException e) {
            throw new UserError(UserError.PLUGIN, info.label() + " cannot be read: " + e.getMessage());
        }
        try {
            for (ContrastiveObjective<?> objective : manager.getExtensions(ContrastiveObjective.class, info.id())) {
                if (!(objective instanceof BaseObjective<?>) && !(objective instanceof AddOnObjective<?>)) {
                    throw new UserError(UserError.PLUGIN, info.label() + ": its objective '" + objective.name()
                            + "' (" + objective.getClass().getName() + ") implements ContrastiveObjective alone; "
                            + "an objective is a BaseObjective or an AddOnObjective (toolkit-api 0.3)");
                }
                register(objectives, "objective", objective.name(), objective, info);
                info.objectives().add(objective.name());
            }
            for (AugmentationPolicy policy : manager.getExtensions(AugmentationPolicy.class, info.id())) {
                register(policies, "policy", policy.name(), policy, info);
                info.policies().add(policy.name());
            }
        } catch (RuntimeException | LinkageError e) {
            // a constructor or static initialiser of the plugin threw
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new UserError(UserError.PLUGIN, info.label() + ": its extensions cannot be created: "
                    + PluginFailures.describe(cause));
        }
        plugins.add(info);
    }

    /**
     * Loads every class the JAR's extension index names: PF4J would log a class that fails to
     * load and go on without it, and the user would meet an "unknown objective" instead.
     */
    private static void checkExtensionsLoad(JarFile jar, PluginWrapper plugin, PluginInfo info) throws IOException {
        var index = jar.getEntry("META-INF/extensions.idx");
        if (index == null) {
            throw new UserError(UserError.PLUGIN, info.label() + " has no META-INF/extensions.idx: it contributes"
                    + " nothing (annotate its classes with @Extension and compile with pf4j's annotation processor)");
        }
        String text = new String(jar.getInputStream(index).readAllBytes(), StandardCharsets.UTF_8);
        for (String line : text.split("\\R")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            try {
                plugin.getPluginClassLoader().loadClass(name);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new UserError(UserError.PLUGIN, info.label() + ": extension " + name + " cannot be loaded: "
                        + PluginFailures.describe(e));
            }
        }
    }

    /** Names of the classes in a plugin JAR, to attribute failures to their plugin. */
    private static List<String> classesOf(JarFile jar) {
        return jar.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class"))
                .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.')).toList();
    }

    private <T> void register(Map<String, T> registry, String kind, String name, T extension, PluginInfo owner) {
        if (name == null || !name.matches("[a-z][a-z0-9_-]*")) {
            throw new UserError(UserError.PLUGIN, owner.label() + " contributes an extension with the bad name '"
                    + name + "' (lower-case letters, digits, _ and - only)");
        }
        if (registry.putIfAbsent(name, extension) != null) {
            PluginInfo first = contributors.get(kind + ":" + name);
            throw new UserError(UserError.PLUGIN, "two plugins contribute the " + kind + " '" + name + "': "
                    + first.label() + " and " + owner.label() + "; remove one of them");
        }
        contributors.put(kind + ":" + name, owner);
    }

    /**
     * JARs of one folder, each opened once to reject corrupt files, non-plugins and manifests PF4J
     * would choke on early, naming the JAR. Any other file in the folder is refused: PF4J would
     * unpack a {@code .zip} into the folder, and a plugin folder holds plugin JARs only.
     */
    private static List<Path> checkedJars(Path root, String toolkitVersion, Map<String, Path> ids) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(root)) {
            List<Path> all = files.sorted().toList();
            for (Path file : all) {
                if (Files.isRegularFile(file) && !file.getFileName().toString().endsWith(".jar")) {
                    throw new UserError(UserError.PLUGIN, "plugin folder " + root + " holds " + file.getFileName()
                            + ", which is not a plugin JAR; a plugin folder holds *.jar files only (nothing in it "
                            + "is unpacked or written): move the file elsewhere");
                }
            }
            List<Path> jars = all.stream().filter(p -> p.toString().endsWith(".jar")).toList();
            for (Path jar : jars) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    if (file.getManifest() == null
                            || file.getManifest().getMainAttributes().getValue("Plugin-Id") == null) {
                        throw new UserError(UserError.PLUGIN, "plugin JAR " + jar
                                + " has no Plugin-Id in its manifest; it is not a toolkit plugin");
                    }
                    checkManifest(jar, file.getManifest().getMainAttributes(), toolkitVersion);
                    String id = file.getManifest().getMainAttributes().getValue("Plugin-Id");
                    Path first = ids.putIfAbsent(id, jar);
                    if (first != null) {
                        throw new UserError(UserError.PLUGIN, "two plugin JARs have the Plugin-Id '" + id + "': "
                                + first + " and " + jar + "; remove one of them");
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

    /** The manifest values PF4J parses, checked here so that a bad one is named with its JAR. */
    private static void checkManifest(Path jar, Attributes manifest, String toolkitVersion) {
        String version = manifest.getValue("Plugin-Version");
        if (version == null || version.isBlank()) {
            throw new UserError(UserError.PLUGIN, "plugin JAR " + jar + " has no Plugin-Version in its manifest");
        }
        String requires = manifest.getValue("Plugin-Requires");
        if (requires != null && !requires.isBlank() && !requires.strip().equals("*")) {
            try {
                new DefaultVersionManager().checkVersionConstraint(toolkitVersion, requires);
            } catch (RuntimeException e) {
                throw new UserError(UserError.PLUGIN, "plugin JAR " + jar + " has a malformed Plugin-Requires '"
                        + requires + "' (" + e.getMessage() + "); expected a version range such as "
                        + ">=0.3.0 & <0.4.0");
            }
        }
    }

    private static boolean samePath(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** Objectives by name. */
    public Map<String, ContrastiveObjective<?>> objectives() {
        return objectives;
    }

    /** Augmentation policies by name, built-ins included. */
    public Map<String, AugmentationPolicy> policies() {
        return policies;
    }

    /** Which plugin each class of the loaded plugin JARs belongs to, by class name. */
    Map<String, PluginInfo> classOwners() {
        return classOwners;
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
