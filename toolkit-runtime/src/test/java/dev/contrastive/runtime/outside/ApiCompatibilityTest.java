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
        Path scalars = api.resolve("src/main/java/dev/contrastive/api/Scalars.java");
        String source = Files.readString(scalars);
        assertThat(source).contains("public static NDArray plus(");
        Files.writeString(scalars, source.replace("public static NDArray plus(", "public static NDArray add("));

        PluginProject.Outcome outcome = PluginProject.run(api, "verify", "-Dmaven.test.skip=true");
        assertThat(outcome.exitCode()).as(outcome.output()).isNotZero();
        assertThat(outcome.output()).contains("dev.contrastive.api.Scalars.plus").contains("METHOD_REMOVED");
    }
}
