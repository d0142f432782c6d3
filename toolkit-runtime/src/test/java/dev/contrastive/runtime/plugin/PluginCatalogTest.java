package dev.contrastive.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive.api.ContrastiveObjective;
import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.augment.WeakAugmentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Loads the reactor-built plugin JARs through PF4J, as a user's installation does. */
class PluginCatalogTest {

    @TempDir
    Path dir;

    @Test
    void loadsMocoFromThePluginsFolderInItsOwnClassLoader() {
        try (PluginCatalog catalog = new PluginCatalog(List.of(Distribution.home().resolve("plugins")), Distribution.VERSION,
                List.of(new WeakAugmentation()))) {
            ContrastiveObjective moco = catalog.objectives().get("moco");
            assertThat(moco).isNotNull();
            assertThat(moco.role()).isEqualTo(ContrastiveObjective.Role.BASE);
            assertThat(moco.getClass().getClassLoader()).isNotSameAs(getClass().getClassLoader());
            assertThat(catalog.policies()).containsKey("weak");
            assertThat(catalog.plugins()).extracting(PluginInfo::id).contains("runtime", "moco");
        }
    }

    @Test
    void corruptJarIsNamedInTheError() throws IOException {
        Files.write(dir.resolve("broken.jar"), new byte[] {1, 2, 3, 4});
        assertThatThrownBy(() -> new PluginCatalog(List.of(dir), Distribution.VERSION, List.of()))
                .isInstanceOf(UserError.class).hasMessageContaining("broken.jar").hasMessageContaining("corrupt");
    }

    @Test
    void pluginNeedingANewerToolkitIsRefused() throws IOException {
        Path jar = dir.resolve("future-moco.jar");
        rewriteManifest(Distribution.pluginJar("moco"), jar, ">=9.0.0");
        assertThatThrownBy(() -> new PluginCatalog(List.of(dir), Distribution.VERSION, List.of()))
                .isInstanceOf(UserError.class).hasMessageContaining("future-moco.jar")
                .hasMessageContaining(">=9.0.0").hasMessageContaining("toolkit " + Distribution.VERSION);
    }

    @Test
    void twoPluginsWithTheSameObjectiveAreRefusedNamingBothJars() throws IOException {
        Path other = Files.createDirectory(dir.resolve("other"));
        Path copy = other.resolve("moco-copy.jar");
        rewriteManifest(Distribution.pluginJar("moco"), copy, ">=" + Distribution.VERSION, "moco-copy");
        assertThatThrownBy(() -> new PluginCatalog(List.of(Distribution.home().resolve("plugins"), other),
                Distribution.VERSION, List.of()))
                .hasMessageContaining("two plugins contribute the objective 'moco'")
                .hasMessageContaining(Distribution.pluginJar("moco").toString())
                .hasMessageContaining(copy.toString());
    }

    /** What a plugin's code can load: the shared packages and the JDK, nothing of the host or other plugins. */
    @Test
    void aPluginSeesTheSharedPackagesAndTheJdkButNotTheRuntimeOrOtherPlugins() throws IOException {
        TestPluginJar.named("peek").extension("peek.Peek", """
                package peek;
                import dev.contrastive.api.*;
                @org.pf4j.Extension
                public class Peek implements BaseObjective<Record> {
                    public String name() { return "peek"; }
                    public Class<Record> configType() { return null; }
                    public BaseRun create(BaseContext context, Record settings) { throw new UnsupportedOperationException(); }
                    public String description() {
                        StringBuilder seen = new StringBuilder();
                        for (String name : new String[] {"dev.contrastive.api.Scalars", "ai.djl.ndarray.NDArray",
                                "com.fasterxml.jackson.databind.ObjectMapper", "org.slf4j.Logger", "org.pf4j.Extension",
                                "java.util.List", "javax.xml.parsers.DocumentBuilderFactory", "java.sql.Connection",
                                "dev.contrastive.runtime.cli.Main", "dev.contrastive.moco.MocoObjective",
                                "picocli.CommandLine", "com.google.inject.Guice", "ai.djl.pytorch.engine.PtEngine"}) {
                            try {
                                Class.forName(name, false, Peek.class.getClassLoader());
                                seen.append(name).append("=visible ");
                            } catch (ClassNotFoundException e) {
                                seen.append(name).append("=hidden ");
                            }
                        }
                        return seen.toString();
                    }
                }
                """).writeTo(dir);
        try (PluginCatalog catalog = new PluginCatalog(List.of(Distribution.home().resolve("plugins"), dir),
                Distribution.VERSION, List.of())) {
            String seen = catalog.objectives().get("peek").description();
            assertThat(seen).contains("dev.contrastive.api.Scalars=visible", "ai.djl.ndarray.NDArray=visible",
                    "ObjectMapper=visible", "org.slf4j.Logger=visible", "org.pf4j.Extension=visible",
                    "java.util.List=visible", "DocumentBuilderFactory=visible", "java.sql.Connection=visible");
            assertThat(seen).contains("dev.contrastive.runtime.cli.Main=hidden", "dev.contrastive.moco.MocoObjective=hidden",
                    "picocli.CommandLine=hidden", "com.google.inject.Guice=hidden");
        }
    }

    @Test
    void aPluginThatUsesTheRuntimesInternalsGetsAClassLoadingErrorNamingIt() throws IOException {
        TestPluginJar.named("sneaky").version("2.1.0").extension("sneaky.Sneaky", """
                package sneaky;
                import dev.contrastive.api.*;
                @org.pf4j.Extension
                public class Sneaky implements BaseObjective<Record> {
                    private final Object internal = new dev.contrastive.runtime.UserError(3, "borrowed");
                    public String name() { return "sneaky"; }
                    public String description() { return "uses the runtime's classes"; }
                    public Class<Record> configType() { return null; }
                    public BaseRun create(BaseContext context, Record settings) { return null; }
                }
                """).writeTo(dir);
        assertThatThrownBy(() -> new PluginCatalog(List.of(dir), Distribution.VERSION, List.of()))
                .isInstanceOf(UserError.class).hasMessageContaining("plugin 'sneaky' 2.1.0")
                .hasMessageContaining("sneaky.jar").hasMessageContaining("dev.contrastive.runtime.UserError")
                .hasMessageContaining("A plugin sees only its own classes");
    }

    @Test
    void aPluginWhoseStaticInitialiserThrowsIsNamed() throws IOException {
        TestPluginJar.named("brittle").extension("brittle.Brittle", """
                package brittle;
                import dev.contrastive.api.*;
                @org.pf4j.Extension
                public class Brittle implements AugmentationPolicy {
                    static final int SIDE = Integer.parseInt("not a number");
                    public String name() { return "brittle"; }
                    public String description() { return "fails to initialise"; }
                    public ImageTransform create(ViewRequest view, ConfigSection config) { return null; }
                }
                """).writeTo(dir);
        assertThatThrownBy(() -> new PluginCatalog(List.of(dir), Distribution.VERSION, List.of()))
                .isInstanceOf(UserError.class).hasMessageContaining("plugin 'brittle' 1.0.0")
                .hasMessageContaining("NumberFormatException");
    }

    @Test
    void anExtensionWhoseConstructorThrowsIsNamedNotDropped() throws IOException {
        // PF4J logs and drops an extension its factory fails on; the catalog's Guice factory refuses it
        TestPluginJar.named("fragile").extension("fragile.Fragile", """
                package fragile;
                import dev.contrastive.api.*;
                @org.pf4j.Extension
                public class Fragile implements AugmentationPolicy {
                    public Fragile() { throw new IllegalStateException("no licence file"); }
                    public String name() { return "fragile"; }
                    public String description() { return "fails to construct"; }
                    public ImageTransform create(ViewRequest view, ConfigSection config) { return null; }
                }
                """).writeTo(dir);
        assertThatThrownBy(() -> new PluginCatalog(List.of(dir), Distribution.VERSION, List.of()))
                .isInstanceOf(UserError.class).hasMessageContaining("plugin 'fragile' 1.0.0")
                .hasMessageContaining("its extensions cannot be created").hasMessageContaining("no licence file");
    }

    @Test
    void anExtensionGuiceCannotBuildIsNamed() throws IOException {
        TestPluginJar.named("closed").extension("closed.Closed", """
                package closed;
                import dev.contrastive.api.*;
                @org.pf4j.Extension
                public class Closed implements AugmentationPolicy {
                    private Closed() { }
                    public String name() { return "closed"; }
                    public String description() { return "no constructor to call"; }
                    public ImageTransform create(ViewRequest view, ConfigSection config) { return null; }
                }
                """).writeTo(dir);
        assertThatThrownBy(() -> new PluginCatalog(List.of(dir), Distribution.VERSION, List.of()))
                .isInstanceOf(UserError.class).hasMessageContaining("plugin 'closed' 1.0.0")
                .hasMessageContaining("closed.Closed");
    }

    @Test
    void anExceptionThrownByPluginCodeIsAttributedToThePlugin() throws IOException {
        TestPluginJar.named("thrower").version("0.3.1").extension("thrower.Thrower", """
                package thrower;
                import dev.contrastive.api.*;
                @org.pf4j.Extension
                public class Thrower implements BaseObjective<Record> {
                    public String name() { return "thrower"; }
                    public String description() { return "throws in create"; }
                    public Class<Record> configType() { return null; }
                    public BaseRun create(BaseContext context, Record settings) { throw new IllegalStateException("no GPU here"); }
                }
                """).writeTo(dir);
        PluginFailures failures = new PluginFailures();
        try (PluginCatalog catalog = new PluginCatalog(List.of(dir), Distribution.VERSION, List.of())) {
            failures.register(catalog);
            RuntimeException thrown = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> ((dev.contrastive.api.BaseObjective<?>) catalog.objectives().get("thrower")).create(null, null));
            UserError error = failures.explain(new RuntimeException("wrapped by the runtime", thrown)).orElseThrow();
            assertThat(error.exitCode()).isEqualTo(UserError.PLUGIN);
            assertThat(error.getMessage()).contains("plugin 'thrower' 0.3.1", "thrower.jar", "no GPU here",
                    "thrower.Thrower.create");
            assertThat(failures.explain(new IllegalStateException("the runtime's own bug"))).isEmpty();
        }
    }

    /**
     * A plugin compiled against API 0.2 (the bundled MoCo of toolkit 0.2.0, kept as a fixture) is
     * refused by its Plugin-Requires, naming both versions, before any of its classes could fail
     * to link against the 0.3 SPI.
     */
    @Test
    void aPluginCompiledAgainstApi02IsRefusedNamingTheVersionsItNeedsAndThisOne() throws IOException {
        Path old = Files.createDirectories(dir.resolve("old"));
        try (InputStream jar = getClass().getResourceAsStream("/compat/plugin-moco-0.2.0.jar")) {
            Files.copy(jar, old.resolve("plugin-moco-0.2.0.jar"));
        }
        assertThatThrownBy(() -> new PluginCatalog(List.of(old), Distribution.VERSION, List.of()))
                .isInstanceOf(UserError.class).hasMessageContaining("plugin-moco-0.2.0.jar")
                .hasMessageContaining("requires toolkit >=0.2.0 & <0.3.0")
                .hasMessageContaining("this is toolkit " + Distribution.VERSION);
    }

    /** Copies a plugin JAR with another Plugin-Requires (and optionally another id). */
    static void rewriteManifest(Path from, Path to, String requires, String... id) throws IOException {
        try (JarFile in = new JarFile(from.toFile())) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Plugin-Requires", requires);
            if (id.length > 0) {
                manifest.getMainAttributes().putValue("Plugin-Id", id[0]);
            }
            try (OutputStream file = Files.newOutputStream(to); JarOutputStream out = new JarOutputStream(file, manifest)) {
                for (Enumeration<JarEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().equals("META-INF/MANIFEST.MF")) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream data = in.getInputStream(entry)) {
                        data.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
    }
}
