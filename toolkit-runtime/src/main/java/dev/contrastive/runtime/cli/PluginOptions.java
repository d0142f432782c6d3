package dev.contrastive.runtime.cli;

import com.google.inject.Inject;
import com.google.inject.Injector;
import dev.contrastive.api.AugmentationPolicy;
import dev.contrastive.runtime.library.PluginFolders;
import dev.contrastive.runtime.plugin.PluginCatalog;
import dev.contrastive.runtime.plugin.PluginFailures;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --plugins DIR} option every command shares, and the catalog it opens, whose plugins'
 * extensions the CLI's injector creates.
 */
public final class PluginOptions {

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Also load plugin JARs from DIR (repeatable); the bundled ones always load.")
    private List<Path> extra = new ArrayList<>();

    private final Toolkit toolkit;
    private final List<AugmentationPolicy> builtIns;
    private final PluginFailures failures;
    private final Injector injector;

    @Inject
    PluginOptions(Toolkit toolkit, List<AugmentationPolicy> builtIns, PluginFailures failures, Injector injector) {
        this.toolkit = toolkit;
        this.builtIns = builtIns;
        this.failures = failures;
        this.injector = injector;
    }

    /** Loads the bundled plugins and those of {@code --plugins}. */
    public PluginCatalog open() {
        PluginCatalog catalog = PluginFolders.open(toolkit.home(), extra, toolkit.version(), builtIns, injector);
        failures.register(catalog);
        return catalog;
    }

    /** The folders of {@code --plugins}. */
    public List<Path> extra() {
        return List.copyOf(extra);
    }
}
