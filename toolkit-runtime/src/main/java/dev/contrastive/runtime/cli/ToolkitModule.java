package dev.contrastive.runtime.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.contrastive.api.AugmentationPolicy;
import dev.contrastive.runtime.augment.WeakAugmentation;
import dev.contrastive.runtime.plugin.PluginFailures;
import dev.contrastive.runtime.train.TrainingListener;

import java.util.List;

/**
 * Guice wiring of the CLI: the installation, the runtime's built-in extensions, the plugin failure
 * log, and the set of extra training listeners (empty here; a test's module adds a fault to it).
 */
final class ToolkitModule extends AbstractModule {

    private final Toolkit toolkit;

    ToolkitModule(Toolkit toolkit) {
        this.toolkit = toolkit;
    }

    @Override
    protected void configure() {
        bind(Toolkit.class).toInstance(toolkit);
        bind(PluginFailures.class).in(Singleton.class);
        Multibinder.newSetBinder(binder(), TrainingListener.class);
    }

    @Provides
    @Singleton
    List<AugmentationPolicy> builtInPolicies() {
        return List.of(new WeakAugmentation());
    }
}
