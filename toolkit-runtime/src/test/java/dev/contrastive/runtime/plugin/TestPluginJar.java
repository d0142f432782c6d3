package dev.contrastive.runtime.plugin;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrastive.api.ContrastiveObjective;
import dev.contrastive.runtime.UserError;
import org.pf4j.Extension;
import org.slf4j.Logger;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Compiles Java sources into a PF4J plugin JAR, so tests can show how the runtime treats a
 * plugin that misbehaves. Sources compile against what a plugin author has (the API, DJL's API,
 * PF4J, Jackson, slf4j) plus the runtime's own classes, which a plugin must not be able to use
 * at run time even when it was compiled against them.
 */
public final class TestPluginJar {

    private final String id;
    private String version = "1.0.0";
    private String requires = "*";
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> extensions = new ArrayList<>();

    private TestPluginJar(String id) {
        this.id = id;
    }

    /** A plugin with this {@code Plugin-Id}, version 1.0.0, for any toolkit version. */
    public static TestPluginJar named(String id) {
        return new TestPluginJar(id);
    }

    public TestPluginJar version(String value) {
        this.version = value;
        return this;
    }

    public TestPluginJar requires(String value) {
        this.requires = value;
        return this;
    }

    /** A class of the plugin, by fully qualified name. */
    public TestPluginJar source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /** A class of the plugin listed in its extension index. */
    public TestPluginJar extension(String className, String code) {
        extensions.add(className);
        return source(className, code);
    }

    /** Compiles and writes {@code dir/<id>.jar}. */
    public Path writeTo(Path dir) throws IOException {
        Path src = Files.createTempDirectory(dir, id + "-src");
        Path classes = Files.createTempDirectory(dir, id + "-classes");
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            files.add(file.toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("-proc:none", "-d", classes.toString(), "-cp", classPath()));
        args.addAll(files);
        if (compiler.run(null, log, log, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("test plugin " + id + " does not compile:\n" + log.toString(StandardCharsets.UTF_8));
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        manifest.getMainAttributes().putValue("Plugin-Id", id);
        manifest.getMainAttributes().putValue("Plugin-Version", version);
        manifest.getMainAttributes().putValue("Plugin-Provider", "tests");
        manifest.getMainAttributes().putValue("Plugin-Requires", requires);
        Path jar = dir.resolve(id + ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
             Stream<Path> compiled = Files.walk(classes)) {
            for (Path classFile : compiled.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(classFile).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(classFile));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/extensions.idx"));
            out.write(String.join("\n", extensions).getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    /** Where the classes a test plugin may compile against were loaded from. */
    private static String classPath() {
        List<String> entries = new ArrayList<>();
        for (Class<?> type : List.of(ContrastiveObjective.class, NDArray.class, Extension.class, ObjectMapper.class,
                Logger.class, UserError.class)) {
            try {
                entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }
}
