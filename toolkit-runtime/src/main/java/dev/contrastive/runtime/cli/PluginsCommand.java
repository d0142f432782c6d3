package dev.contrastive.runtime.cli;

import com.google.inject.Inject;
import dev.contrastive.runtime.plugin.PluginCatalog;
import dev.contrastive.runtime.plugin.PluginInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code toolkit plugins}: what is installed and what each plugin contributes. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List plugins with the objectives and augmentation policies they contribute.")
final class PluginsCommand implements Callable<Integer> {

    @Mixin
    private PluginOptions plugins;

    private final Toolkit toolkit;

    @Inject
    PluginsCommand(Toolkit toolkit) {
        this.toolkit = toolkit;
    }

    @Override
    public Integer call() {
        try (PluginCatalog catalog = plugins.open()) {
            for (PluginInfo plugin : catalog.plugins()) {
                toolkit.out().printf("%s %s (%s)%s%n", plugin.id(), plugin.version(), plugin.provider(),
                        plugin.jar() == null ? "" : " " + plugin.jar());
                for (String name : plugin.objectives()) {
                    var objective = catalog.objectives().get(name);
                    toolkit.out().printf("  objective %-10s %-7s %s%n", name,
                            objective.role().name().toLowerCase().replace('_', '-'), objective.description());
                }
                for (String name : plugin.policies()) {
                    toolkit.out().printf("  policy    %-10s %s%n", name, catalog.policies().get(name).description());
                }
            }
        }
        return 0;
    }
}
