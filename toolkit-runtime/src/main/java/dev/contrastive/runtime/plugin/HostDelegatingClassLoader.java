package dev.contrastive.runtime.plugin;

import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

import java.util.List;

/**
 * A plugin's class loader that always takes the shared packages from the host: DJL (its JNI
 * natives can be loaded by one class loader only), the toolkit API, Jackson and slf4j. A plugin
 * that bundles its own copy of them still talks to the host's.
 */
final class HostDelegatingClassLoader extends PluginClassLoader {

    static final List<String> HOST_PACKAGES = List.of(
            "ai.djl.", "dev.contrastive.api.", "com.fasterxml.jackson.", "org.slf4j.", "org.pf4j.");

    HostDelegatingClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
        super(manager, descriptor, parent);
    }

    @Override
    protected boolean shouldDelegateToParent(String className) {
        return HOST_PACKAGES.stream().anyMatch(className::startsWith);
    }
}
