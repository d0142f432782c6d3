package dev.contrastive.runtime.cli;

import dev.contrastive.runtime.library.ContrastiveToolkit;
import dev.contrastive.runtime.plugin.PluginCatalog;
import dev.contrastive.runtime.train.TrainingListener;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The installation and the console a command runs with.
 *
 * @param version the toolkit version plugins are checked against
 * @param home the distribution folder ({@code dist/}); its {@code plugins/} holds the bundled plugins
 * @param out standard output
 * @param err standard error
 * @param terminal whether output goes to an interactive terminal
 */
public record Toolkit(String version, Path home, PrintStream out, PrintStream err, boolean terminal) {

    /** The toolkit as a library over {@code catalog}, writing to this console; it trains nothing. */
    public ContrastiveToolkit library(PluginCatalog catalog, List<Path> extraPlugins) {
        return library(catalog, extraPlugins, Set.of());
    }

    /**
     * The toolkit as a library over {@code catalog}, writing to this console.
     *
     * @param listeners told of its training loops' events (Guice's set of them: tests inject faults so)
     */
    public ContrastiveToolkit library(PluginCatalog catalog, List<Path> extraPlugins,
            Set<TrainingListener> listeners) {
        return new ContrastiveToolkit(version, home, extraPlugins, catalog, out, err, terminal, List.copyOf(listeners));
    }
}
