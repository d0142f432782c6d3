package dev.contrastive.runtime.plugin;

import org.pf4j.CompoundPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.JarPluginLoader;
import org.pf4j.JarPluginRepository;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;

import java.nio.file.Path;
import java.util.List;

/**
 * PF4J's manager restricted to plugin JARs, loaded through {@link HostDelegatingClassLoader}. Its
 * repository lists JARs only: PF4J's default one also unpacks every {@code .zip} it finds into
 * the plugin folder, and a user's folder is never written to.
 */
final class ToolkitPluginManager extends DefaultPluginManager {

    ToolkitPluginManager(List<Path> roots, String systemVersion) {
        super(roots);
        setSystemVersion(systemVersion);
    }

    @Override
    protected PluginRepository createPluginRepository() {
        return new JarPluginRepository(getPluginsRoots());
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new CompoundPluginLoader().add(new JarPluginLoader(this) {
            @Override
            protected PluginClassLoader createPluginClassLoader(Path path, PluginDescriptor descriptor) {
                return new HostDelegatingClassLoader(pluginManager, descriptor, getClass().getClassLoader());
            }
        });
    }
}
