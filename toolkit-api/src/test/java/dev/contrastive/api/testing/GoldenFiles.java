package dev.contrastive.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The project's golden files ({@code golden/} in toolkit-api's test resources, shipped in its
 * test JAR; {@code golden/README.md} says what computed each). Tests of other modules read them
 * from the test JAR, so a folder is made on demand where a test needs files on disk.
 */
public final class GoldenFiles {

    private static Path augmentDir;

    private GoldenFiles() {
    }

    /** A golden resource, e.g. {@code loss/losses.json}. */
    public static InputStream open(String name) {
        InputStream in = GoldenFiles.class.getResourceAsStream("/golden/" + name);
        if (in == null) {
            throw new IllegalStateException("golden file /golden/" + name + " is not on the class path "
                    + "(it ships in toolkit-api's test JAR)");
        }
        return in;
    }

    /** A golden JSON file, parsed. */
    public static JsonNode json(String name) {
        try (InputStream in = open(name)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The folder of the Pillow augmentation cases: {@code manifest.json}, its inputs and expected
     * outputs. The resources themselves when they are plain files, else a copy in a temporary
     * folder, made once per test JVM.
     */
    public static synchronized Path augmentDir() {
        if (augmentDir == null) {
            augmentDir = locate("augment/manifest.json").getParent();
        }
        return augmentDir;
    }

    private static Path locate(String manifestName) {
        URL url = GoldenFiles.class.getResource("/golden/" + manifestName);
        if (url == null) {
            throw new IllegalStateException("golden file /golden/" + manifestName + " is not on the class path");
        }
        try {
            if (url.getProtocol().equals("file")) {
                return Path.of(url.toURI());
            }
            Path copy = Files.createTempDirectory("golden-");
            copy.toFile().deleteOnExit();
            Path manifest = copy.resolve("manifest.json");
            try (InputStream in = open(manifestName)) {
                Files.copy(in, manifest);
            }
            String folder = manifestName.substring(0, manifestName.lastIndexOf('/') + 1);
            for (JsonNode c : new ObjectMapper().readTree(manifest.toFile()).get("cases")) {
                for (String field : new String[] {"input", "expected"}) {
                    Path target = copy.resolve(c.get(field).asText());
                    if (!Files.exists(target)) {
                        try (InputStream in = open(folder + c.get(field).asText())) {
                            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
