package dev.contrastive.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.plugin.TestPluginJar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A plugin that throws — while the chain is built, in a training step, in a transform on a
 * loader thread — is named with its id and version, the command exits 3, and the run folder
 * keeps its last good checkpoint. The plugin is a test fixture compiled here: an add-on that
 * wraps any base and throws where its section says, and a policy whose transform always throws.
 */
class PluginFailureCliTest {

    @TempDir
    static Path plugins;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildTripwirePlugin() throws IOException {
        TestPluginJar.named("tripwire").version("0.9.2").requires(">=" + Distribution.VERSION)
                .source("tripwire.TripwireConfig", """
                        package tripwire;
                        public record TripwireConfig(String failIn, Integer atStep) {
                            public TripwireConfig {
                                failIn = failIn == null ? "none" : failIn;
                                atStep = atStep == null ? 0 : atStep;
                            }
                        }
                        """)
                .extension("tripwire.Tripwire", """
                        package tripwire;
                        import ai.djl.ndarray.NDArray;
                        import ai.djl.nn.Parameter;
                        import dev.contrastive.api.*;
                        import java.util.List;
                        import java.util.Map;
                        @org.pf4j.Extension
                        public class Tripwire implements AddOnObjective<TripwireConfig> {
                            public String name() { return "tripwire"; }
                            public String description() { return "throws where told"; }
                            public Class<TripwireConfig> configType() { return TripwireConfig.class; }
                            public AddOnRun create(AddOnContext context, TripwireConfig config) {
                                if (config.failIn().equals("create")) {
                                    throw new IllegalStateException("tripwire in create");
                                }
                                return new AddOnRun() {
                                    private int steps;
                                    public List<ViewRequest> views() { return List.of(); }
                                    public Terms forward(BaseStep step) {
                                        if (config.failIn().equals("forward") && steps++ >= config.atStep()) {
                                            throw new IllegalStateException("tripwire in forward");
                                        }
                                        return Terms.of();
                                    }
                                };
                            }
                        }
                        """)
                .extension("tripwire.TripwirePolicy", """
                        package tripwire;
                        import dev.contrastive.api.*;
                        @org.pf4j.Extension
                        public class TripwirePolicy implements AugmentationPolicy {
                            public String name() { return "tripwire"; }
                            public String description() { return "a transform that throws"; }
                            public ImageTransform create(ViewRequest view, ConfigSection config) {
                                return (image, random) -> { throw new IllegalArgumentException("tripwire in a transform"); };
                            }
                        }
                        """)
                .writeTo(plugins);
        // a PF4J plugins folder holds plugin JARs only: drop the compiler's folders
        try (var entries = Files.list(plugins)) {
            for (Path entry : entries.filter(Files::isDirectory).toList()) {
                org.assertj.core.util.Files.delete(entry.toFile());
            }
        }
    }

    private Distribution.Result run(String extra) throws IOException {
        Path file = Distribution.runFile(dir, Distribution.TINY_RUN.replace("objective: moco", "objective: moco+tripwire")
                + extra);
        return Distribution.cli("run", file.toString(), "--runs-dir", dir.resolve("runs").toString(),
                "--plugins", plugins.toString());
    }

    @Test
    void anExceptionInCreateNamesThePluginAndExitsThree() throws IOException {
        Distribution.Result result = run("tripwire:\n  fail_in: create\n");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(3);
        assertThat(result.err()).contains("plugin 'tripwire' 0.9.2", "tripwire.jar", "tripwire in create")
                .doesNotContain("\tat ");
    }

    @Test
    void anExceptionInAStepKeepsTheLastGoodCheckpoint() throws IOException {
        // TINY_RUN has 640 images in batches of 64: step 10 is the first of epoch 2
        Distribution.Result result = run("tripwire:\n  fail_in: forward\n  at_step: 10\n");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(3);
        assertThat(result.err()).contains("plugin 'tripwire' 0.9.2", "tripwire in forward",
                "training stopped at epoch 2 step 1", "is intact").doesNotContain("\tat ");
        Path run;
        try (var runs = Files.list(dir.resolve("runs"))) {
            run = runs.findFirst().orElseThrow();
        }
        assertThat(result.err()).contains(run.resolve("checkpoints").resolve("last.ckpt").toString());
        // the checkpoint of epoch 1 is whole: the run resumes from it (the wire counts this
        // process's steps, so it trips only after epoch 2's ten steps, which end the run)
        Distribution.Result resumed = Distribution.cli("run", "--resume", run.toString(), "--plugins",
                plugins.toString());
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("resuming");
    }

    @Test
    void anExceptionInATransformOnALoaderThreadNamesThePlugin() throws IOException {
        Distribution.Result result = run("augment:\n  weak:\n    then: [tripwire]\n");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(3);
        assertThat(result.err()).contains("plugin 'tripwire' 0.9.2", "tripwire in a transform");
    }

    @Test
    void aPolicyNamedInWeakThenMustBeInstalled() throws IOException {
        Path file = Distribution.runFile(dir, Distribution.TINY_RUN + "augment:\n  weak:\n    then: [cutout]\n");
        Distribution.Result result = Distribution.cli("run", file.toString(), "--runs-dir",
                dir.resolve("runs").toString());
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        long thenLine = Distribution.TINY_RUN.lines().count() + 3; // after the run, 'augment:' and 'weak:'
        assertThat(result.err()).contains("run.yaml:" + thenLine + ":").contains("'cutout'");
    }
}
