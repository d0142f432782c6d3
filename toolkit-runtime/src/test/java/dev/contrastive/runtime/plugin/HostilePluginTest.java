package dev.contrastive.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Issue 24, class 6: a plugin whose results are nonsense — a policy that creates no transform, a
 * transform that returns no image or one of another size, an objective that creates no run — is
 * one message naming the plugin (id, version, JAR) and what it returned, exit 3, no stack trace,
 * and no run folder left behind: the views are tried once before the folder is made.
 */
class HostilePluginTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            create returns null   | return null;                                          | returned no transform (null) for the view 'query'
            apply returns null    | return (image, random) -> null;                       | returned no image (null) for the view 'query'
            apply returns 5x5     | return (image, random) -> Image.blank(5, 5, image.channels()); | returned a 5x5 image of 1 channels for the view 'query', which is 28x28
            """)
    void aPolicyReturningNonsenseIsNamedBeforeTheRunFolderIsMade(String name, String body, String expected)
            throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path jar = TestPluginJar.named("hostile").version("2.0.1").extension("hostile.Hostile", """
                package hostile;
                import dev.contrastive.api.*;
                @org.pf4j.Extension
                public class Hostile implements AugmentationPolicy {
                    public String name() { return "hostile"; }
                    public String description() { return "returns nonsense"; }
                    public ImageTransform create(ViewRequest view, ConfigSection config) { %s }
                }
                """.formatted(body)).writeTo(plugins);

        Distribution.Result result = run(plugins, Distribution.TINY_RUN, "--set", "augment.weak.then=[hostile]");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(UserError.PLUGIN);
        assertThat(result.err()).contains("error: plugin 'hostile' 2.0.1 (" + jar + "): policy 'hostile' " + expected)
                .doesNotContain("\tat ");
        assertThat(dir.resolve("runs")).as("no run folder").satisfiesAnyOf(
                runs -> assertThat(runs).doesNotExist(), runs -> assertThat(runs).isEmptyDirectory());
    }

    @Test
    void anObjectiveThatCreatesNoRunIsNamed() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path jar = TestPluginJar.named("nullrun").extension("nullrun.NullRun", """
                package nullrun;
                import dev.contrastive.api.*;
                @org.pf4j.Extension
                public class NullRun implements BaseObjective<Record> {
                    public String name() { return "nullrun"; }
                    public String description() { return "creates no run"; }
                    public Class<Record> configType() { return null; }
                    public BaseRun create(BaseContext context, Record settings) { return null; }
                }
                """).writeTo(plugins);

        Distribution.Result result = run(plugins, Distribution.TINY_RUN.replace("objective: moco", "objective: nullrun")
                .replace("moco:\n  queue: 64\n", ""));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(UserError.PLUGIN);
        assertThat(result.err()).contains("error: plugin 'nullrun' 1.0.0 (" + jar + "): nullrun.NullRun.create "
                + "returned no run (null)").doesNotContain("\tat ");
        assertThat(dir.resolve("runs")).as("no run folder").satisfiesAnyOf(
                runs -> assertThat(runs).doesNotExist(), runs -> assertThat(runs).isEmptyDirectory());
    }

    private Distribution.Result run(Path plugins, String runText, String... overrides) throws IOException {
        Path runFile = Distribution.runFile(dir, runText);
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run", runFile.toString(),
                "--plugins", plugins.toString(), "--runs-dir", dir.resolve("runs").toString()));
        args.addAll(java.util.List.of(overrides));
        return Distribution.cli(args.toArray(String[]::new));
    }
}
