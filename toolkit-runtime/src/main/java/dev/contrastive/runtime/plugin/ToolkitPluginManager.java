package dev.contrastive.runtime.plugin;

import com.google.inject.Injector;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.JarPluginLoader;
import org.pf4j.JarPluginRepository;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;

import java.nio.file.Path;
import java.util.List;

/**
 * PF4J's manager restricted to plugin JARs, loaded through {@link HostDelegatingClassLoader}, their
 * extensions created through Guice ({@link GuiceExtensions}). Its repository lists JARs only:
 * PF4J's default one also unpacks every {@code .zip} it finds into the plugin folder, and a user's
 * folder is never written to.
 */
final class ToolkitPluginManager extends DefaultPluginManager {

    // PF4J's constructor makes the extension factory before this is set: the factory reads it later
    private final Injector host;

    /** @param host the injector whose children create the plugins' extensions */
    ToolkitPluginManager(List<Path> roots, String systemVersion, Injector host) {
        super(roots);
        this.host = host;
        setSystemVersion(systemVersion);
    }

    @Override
    protected ExtensionFactory createExtensionFactory() {
        return new GuiceExtensions(() -> host);
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
