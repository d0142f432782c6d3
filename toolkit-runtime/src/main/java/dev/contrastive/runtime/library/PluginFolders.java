package dev.contrastive.runtime.library;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.contrastive.api.AugmentationPolicy;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.plugin.PluginCatalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The plugin folders a toolkit loads: the distribution's bundled {@code plugins/}, then the user's own. */
public final class PluginFolders {

    private PluginFolders() {
    }

    /**
     * Loads the bundled plugins of {@code home} and those of {@code extra}.
     *
     * @throws UserError (exit code 3) when a folder of {@code extra} does not exist
     */
    public static PluginCatalog open(Path home, List<Path> extra, String version, List<AugmentationPolicy> builtIns) {
        return open(home, extra, version, builtIns, Guice.createInjector());
    }

    /**
     * Loads the bundled plugins of {@code home} and those of {@code extra}, their extensions created
     * by child injectors of {@code host}.
     *
     * @throws UserError (exit code 3) when a folder of {@code extra} does not exist
     */
    public static PluginCatalog open(Path home, List<Path> extra, String version, List<AugmentationPolicy> builtIns,
            Injector host) {
        List<Path> roots = new ArrayList<>();
        roots.add(home.resolve("plugins"));
        for (Path dir : extra) {
            if (!Files.isDirectory(dir)) {
                throw new UserError(UserError.PLUGIN, "--plugins " + dir + ": no such folder");
            }
            roots.add(dir);
        }
        return new PluginCatalog(roots, version, builtIns, host);
    }
}
