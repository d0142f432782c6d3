package dev.contrastive.runtime.outside;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * toolkit-api's build compares its JAR with the last release's (japicmp): a change that would
 * break a compiled plugin fails the build. Shown on a copy of the module with one public method
 * renamed, built the way the reactor builds it.
 */
class ApiCompatibilityTest {

    @TempDir
    Path dir;

    @Test
    void removingAPublicMethodFailsTheApiBuild() throws Exception {
        Path api = PluginProject.copy(PluginProject.toolkitRoot().resolve("toolkit-api"), dir.resolve("toolkit-api"));
        Path momentum = api.resolve("src/main/java/dev/contrastive/api/Momentum.java");
        String source = Files.readString(momentum);
        assertThat(source).contains("public static Momentum constant(");
        Files.writeString(momentum, source.replace("public static Momentum constant(", "public static Momentum fixed("));

        PluginProject.Outcome outcome = PluginProject.run(api, "verify", "-Dmaven.test.skip=true",
                "-Dmaven.source.skip=true", "-Dmaven.javadoc.skip=true");
        assertThat(outcome.exitCode()).as(outcome.output()).isNotZero();
        assertThat(outcome.output()).contains("dev.contrastive.api.Momentum.constant").contains("METHOD_REMOVED");
    }
}
