package dev.contrastive.runtime.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The installation and the console a command runs with.
 *
 * @param version the toolkit version plugins are checked against
 * @param home the distribution folder ({@code dist/}); its {@code plugins/} holds the bundled plugins
 * @param out standard output
 * @param err standard error
 * @param terminal whether output goes to an interactive terminal
 */
public record Toolkit(String version, Path home, PrintStream out, PrintStream err, boolean terminal) {

    /** The folder of bundled plugin JARs. */
    public Path bundledPlugins() {
        return home.resolve("plugins");
    }

    /** The version baked into the runtime JAR at build time. */
    static String builtVersion() {
        try (InputStream in = Toolkit.class.getResourceAsStream("/toolkit.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
