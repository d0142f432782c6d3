package dev.contrastive.runtime.cli;

import com.google.inject.Inject;
import dev.contrastive.api.AugmentationPolicy;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.ContrastiveObjective;
import dev.contrastive.runtime.config.RunFileDefaults;
import dev.contrastive.runtime.config.SectionDefaults;
import dev.contrastive.runtime.plugin.PluginCatalog;
import dev.contrastive.runtime.plugin.PluginInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code toolkit plugins}: what is installed and what each plugin contributes. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List plugins with the objectives and augmentation policies they contribute.")
final class PluginsCommand implements Callable<Integer> {

    @Mixin
    private PluginOptions plugins;

    @Option(names = {"-v", "--verbose"},
            description = "Also show each plugin's toolkit requirement and every run-file key with its default.")
    private boolean verbose;

    @Option(names = "--defaults",
            description = "Print every run-file key with its default instead, as one YAML document: the runtime's "
                    + "sections and each installed objective's and policy's (docs/run-files.md is checked against it).")
    private boolean defaults;

    private final Toolkit toolkit;

    @Inject
    PluginsCommand(Toolkit toolkit) {
        this.toolkit = toolkit;
    }

    @Override
    public Integer call() {
        PrintStream out = toolkit.out();
        try (PluginCatalog catalog = plugins.open()) {
            if (defaults) {
                printDefaults(out, catalog);
                return 0;
            }
            for (PluginInfo plugin : catalog.plugins()) {
                out.printf("%s %s (%s)%s%n", plugin.id(), plugin.version(), plugin.provider(),
                        plugin.jar() == null ? "" : " " + plugin.jar());
                if (verbose && plugin.jar() != null) {
                    out.printf("  requires toolkit %s%n", plugin.requires());
                }
                for (String name : plugin.objectives()) {
                    var objective = catalog.objectives().get(name);
                    out.printf("  objective %-10s %-7s %s%n", name,
                            objective.role().name().toLowerCase().replace('_', '-'), objective.description());
                    if (verbose) {
                        printSettings(out, name, objective.configType());
                    }
                }
                for (String name : plugin.policies()) {
                    var policy = catalog.policies().get(name);
                    out.printf("  policy    %-10s %s%n", name, policy.description());
                    if (verbose) {
                        printSettings(out, "augment." + name, policy.configType());
                    }
                }
            }
        }
        return 0;
    }

    /** Every run-file key with its default, each plugin section marked with its plugin. */
    private static void printDefaults(PrintStream out, PluginCatalog catalog) {
        // bases, then add-ons, each by name; the built-in policies, then the plugins', each by name
        Map<String, ContrastiveObjective<?>> objectives = new LinkedHashMap<>();
        for (ContrastiveObjective.Role role : List.of(ContrastiveObjective.Role.BASE, ContrastiveObjective.Role.ADD_ON)) {
            new TreeMap<>(catalog.objectives()).forEach((name, objective) -> {
                if (objective.role() == role) {
                    objectives.put(name, objective);
                }
            });
        }
        objectives.putAll(catalog.objectives());
        Map<String, AugmentationPolicy> policies = new LinkedHashMap<>();
        Map<String, String> comments = new LinkedHashMap<>();
        for (PluginInfo plugin : catalog.plugins()) {
            String owner = plugin.jar() == null ? "built in" : "plugin " + plugin.id() + " " + plugin.version();
            plugin.objectives().forEach(name -> comments.put(name, owner));
            plugin.policies().forEach(name -> comments.put("augment." + name, owner));
            if (plugin.jar() == null) {
                new TreeSet<>(plugin.policies()).forEach(name -> policies.put(name, catalog.policies().get(name)));
            }
        }
        policies.putAll(new TreeMap<>(catalog.policies()));
        comments.put("objective", "one base (" + names(objectives, ContrastiveObjective.Role.BASE)
                + "), then add-ons (" + names(objectives, ContrastiveObjective.Role.ADD_ON) + "): moco+clsa");
        comments.put("train.threads", "the machine's available processors");
        out.println("# Every run-file key with its default (toolkit plugins --defaults), from the runtime and the");
        out.println("# installed plugins. <required>: no default; <cores>: this machine's processors.");
        out.print(RunFileDefaults.yaml(RunFileDefaults.of(objectives, policies), comments));
    }

    private static String names(Map<String, ContrastiveObjective<?>> objectives, ContrastiveObjective.Role role) {
        return String.join(" | ", objectives.values().stream().filter(o -> o.role() == role)
                .map(ContrastiveObjective::name).toList());
    }

    /** The section's keys as a run file would write them, with their defaults. */
    private static void printSettings(PrintStream out, String section, Class<? extends Record> type) {
        if (type == null) {
            out.printf("      (no settings)%n");
            return;
        }
        try {
            Map<String, String> defaults = SectionDefaults.of(section, type);
            out.printf("      %s:%n", section);
            defaults.forEach((key, value) -> out.printf("        %s: %s%n", key, value));
        } catch (ConfigException e) {
            out.printf("      %s: (has required keys: %s)%n", section, e.getMessage());
        }
    }
}
