package dev.contrastive.runtime.plugin;

import com.google.inject.ConfigurationException;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import org.pf4j.ExtensionFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Creates the plugins' extensions through Guice, as Jenkins' {@code GuiceFinder} does: the
 * extension index names the classes, and each is built by a child injector of the host's, one per
 * plugin (per class loader), so an extension may take what the host binds in an {@code @Inject}
 * constructor and no plugin's bindings reach another. A class Guice cannot build, or whose
 * constructor or static initialiser throws, stops the catalog, which names the plugin in one
 * message.
 */
final class GuiceExtensions implements ExtensionFactory {

    private final Supplier<Injector> host;
    private final Map<ClassLoader, Injector> perPlugin = new ConcurrentHashMap<>();

    /** @param host the host's injector, asked for when the first extension is created */
    GuiceExtensions(Supplier<Injector> host) {
        this.host = host;
    }

    @Override
    public <T> T create(Class<T> extensionClass) {
        Injector plugin = perPlugin.computeIfAbsent(extensionClass.getClassLoader(),
                loader -> host.get().createChildInjector());
        // not PluginRuntimeException, which PF4J logs and drops: the plugin would be silently missing
        try {
            return plugin.getInstance(extensionClass);
        } catch (ProvisionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            if (e.getCause() instanceof RuntimeException thrown) {
                throw thrown;
            }
            throw new IllegalStateException("cannot create the extension " + extensionClass.getName(), e.getCause());
        } catch (ConfigurationException e) {
            throw new IllegalStateException("Guice cannot create the extension " + extensionClass.getName() + ": "
                    + e.getMessage(), e);
        }
    }
}
