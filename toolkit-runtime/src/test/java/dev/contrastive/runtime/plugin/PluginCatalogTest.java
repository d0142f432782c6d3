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

    private static Path mocoJar() {
        return Distribution.home().resolve("plugins").resolve("plugin-moco-0.1.0.jar");
    }

    @Test
    void loadsMocoFromThePluginsFolderInItsOwnClassLoader() {
        try (PluginCatalog catalog = new PluginCatalog(List.of(Distribution.home().resolve("plugins")), "0.1.0",
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
        assertThatThrownBy(() -> new PluginCatalog(List.of(dir), "0.1.0", List.of()))
                .isInstanceOf(UserError.class).hasMessageContaining("broken.jar").hasMessageContaining("corrupt");
    }

    @Test
    void pluginNeedingANewerToolkitIsRefused() throws IOException {
        Path jar = dir.resolve("future-moco.jar");
        rewriteManifest(mocoJar(), jar, ">=9.0.0");
        assertThatThrownBy(() -> new PluginCatalog(List.of(dir), "0.1.0", List.of()))
                .isInstanceOf(UserError.class).hasMessageContaining("future-moco.jar")
                .hasMessageContaining(">=9.0.0").hasMessageContaining("toolkit 0.1.0");
    }

    @Test
    void twoPluginsWithTheSameObjectiveAreRefused() throws IOException {
        Path other = Files.createDirectory(dir.resolve("other"));
        Path copy = other.resolve("moco-copy.jar");
        rewriteManifest(mocoJar(), copy, ">=0.1.0", "moco-copy");
        assertThatThrownBy(() -> new PluginCatalog(List.of(Distribution.home().resolve("plugins"), other), "0.1.0",
                List.of())).hasMessageContaining("two plugins contribute 'moco'");
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
