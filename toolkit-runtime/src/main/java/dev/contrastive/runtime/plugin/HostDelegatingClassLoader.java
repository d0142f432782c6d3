package dev.contrastive.runtime.plugin;

import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

import java.util.List;

/**
 * A plugin's class loader. It takes the shared packages from the host — DJL (its JNI natives can
 * be loaded by one class loader only), the toolkit API, Jackson, slf4j and PF4J — and the JDK's
 * classes from the platform; everything else only from the plugin's own JAR and the plugins it
 * declares as dependencies. The runtime's internals and other plugins' classes stay invisible, so
 * a plugin cannot come to depend on what the API does not promise.
 */
final class HostDelegatingClassLoader extends PluginClassLoader {

    static final List<String> HOST_PACKAGES = List.of(
            "ai.djl.", "dev.contrastive.api.", "com.fasterxml.jackson.", "org.slf4j.", "org.pf4j.");

    /** Plugin first, then its declared dependencies; never the host's class path. */
    private static final ClassLoadingStrategy OWN_CLASSES_ONLY = new ClassLoadingStrategy(
            List.of(ClassLoadingStrategy.Source.PLUGIN, ClassLoadingStrategy.Source.DEPENDENCIES));

    HostDelegatingClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
        super(manager, descriptor, parent, OWN_CLASSES_ONLY);
    }

    @Override
    protected boolean shouldDelegateToParent(String className) {
        return HOST_PACKAGES.stream().anyMatch(className::startsWith) || isPlatformClass(className);
    }

    /** JDK classes outside {@code java.*} (javax.xml, jdk.*, ...), which PF4J does not delegate itself. */
    private static boolean isPlatformClass(String className) {
        try {
            ClassLoader.getPlatformClassLoader().loadClass(className);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
