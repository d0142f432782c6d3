package dev.contrastive.runtime.library;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The toolkit version baked into the runtime JAR at build time, which plugins are checked against. */
public final class ToolkitVersion {

    private ToolkitVersion() {
    }

    /** The version of this build, e.g. {@code 0.3.0}. */
    public static String built() {
        try (InputStream in = ToolkitVersion.class.getResourceAsStream("/toolkit.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
