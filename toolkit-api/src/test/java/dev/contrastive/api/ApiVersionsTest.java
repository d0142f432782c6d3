package dev.contrastive.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DJL's types ({@code NDArray}, {@code Parameter}, {@code NDManager}) are part of the SPI, so the
 * DJL a plugin was compiled against is part of the API version: a DJL upgrade in the host must
 * come with a new API minor release and baseline, never silently inside one.
 */
class ApiVersionsTest {

    @Test
    void theBuildsDjlIsTheDjlOfTheApiBaseline() throws IOException {
        String parent = Files.readString(Path.of("..", "pom.xml"));
        String api = Files.readString(Path.of("pom.xml"));
        assertThat(property(parent, "djl.version"))
                .as("djl.version of the build against api.baseline.djl of toolkit-api's baseline %s: raise the API's "
                        + "minor version and replace the baseline JAR with the DJL upgrade", property(api, "api.baseline"))
                .isEqualTo(property(api, "api.baseline.djl"));
        assertThat(Files.isRegularFile(Path.of("compat", "toolkit-api-" + property(api, "api.baseline") + ".jar")))
                .as("the baseline JAR of api.baseline").isTrue();
    }

    private static String property(String pom, String name) {
        Matcher value = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(pom);
        assertThat(value.find()).as("<%s> in the pom", name).isTrue();
        return value.group(1).strip();
    }
}
