package dev.contrastive.runtime.cli;

import com.google.inject.Inject;
import dev.contrastive.api.ConfigException;
import dev.contrastive.runtime.config.SectionDefaults;
import dev.contrastive.runtime.plugin.PluginCatalog;
import dev.contrastive.runtime.plugin.PluginInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.Map;
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

    private final Toolkit toolkit;

    @Inject
    PluginsCommand(Toolkit toolkit) {
        this.toolkit = toolkit;
    }

    @Override
    public Integer call() {
        PrintStream out = toolkit.out();
        try (PluginCatalog catalog = plugins.open()) {
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
