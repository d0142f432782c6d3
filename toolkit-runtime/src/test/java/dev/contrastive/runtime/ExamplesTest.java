package dev.contrastive.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive.runtime.augment.WeakAugmentation;
import dev.contrastive.runtime.config.RunConfig;
import dev.contrastive.runtime.config.RunConfigLoader;
import dev.contrastive.runtime.data.KnownDataset;
import dev.contrastive.runtime.plugin.PluginCatalog;
import dev.contrastive.runtime.train.RunSession;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Every file in {@code examples/} is valid: run files bind and build, sweep files resolve every variant. */
class ExamplesTest {

    private static final Path EXAMPLES = Distribution.home().toAbsolutePath().getParent().resolve("examples");

    private static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static boolean isSweep(Path file) throws IOException {
        return Files.readAllLines(file).stream().anyMatch(line -> line.startsWith("base:"));
    }

    @Test
    void everyRunFileBindsAndBuildsItsObjectiveChain() throws IOException {
        List<Path> runFiles = examples().stream().filter(f -> {
            try {
                return !isSweep(f);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
        assertThat(runFiles).hasSizeGreaterThanOrEqualTo(5);
        try (PluginCatalog catalog = new PluginCatalog(List.of(Distribution.home().resolve("plugins")), Distribution.VERSION,
                List.of(new WeakAugmentation()))) {
            for (Path file : runFiles) {
                RunConfig config = new RunConfigLoader(catalog.objectives(), catalog.policies()).load(file, List.of());
                int[] shape = KnownDataset.shapeOf(config.data());
                try (RunSession run = RunSession.withoutData(config, catalog.policies(), shape[0], shape[1],
                        RunSession.assumedImages(config))) {
                    assertThat(run.pipelines()).as(file.toString()).isNotEmpty();
                }
            }
        }
    }

    /**
     * Each new base's pair of run files has moco.yaml's backbone, data, length, batch, lr and seed,
     * so the pair differs only by the add-on and the base (issue 21).
     */
    @Test
    void theNewBasesPairsShareTheMocoPairsRecipe() throws IOException {
        try (PluginCatalog catalog = new PluginCatalog(List.of(Distribution.home().resolve("plugins")), Distribution.VERSION,
                List.of(new WeakAugmentation()))) {
            RunConfigLoader loader = new RunConfigLoader(catalog.objectives(), catalog.policies());
            RunConfig moco = loader.load(EXAMPLES.resolve("moco.yaml"), List.of());
            RunConfig mocoClsa = loader.load(EXAMPLES.resolve("moco+clsa.yaml"), List.of());
            for (String name : List.of("simsiam", "simsiam+clsa", "mocov3", "mocov3+clsa", "dino", "dino+clsa",
                    "instdisc", "instdisc+clsa")) {
                RunConfig run = loader.load(EXAMPLES.resolve(name + ".yaml"), List.of());
                RunConfig peer = name.endsWith("+clsa") ? mocoClsa : moco;
                assertThat(run.settings().objective()).isEqualTo(name);
                assertThat(run.model()).as(name).isEqualTo(peer.model());
                assertThat(run.data()).as(name).isEqualTo(peer.data());
                assertThat(run.settings().seed()).as(name).isEqualTo(peer.settings().seed());
                assertThat(List.of(run.train().epochs(), run.train().batchSize(), run.train().lr()))
                        .as(name).isEqualTo(List.of(peer.train().epochs(), peer.train().batchSize(), peer.train().lr()));
            }
        }
    }


    @Test
    void everySweepFileResolvesItsVariants() throws IOException {
        for (Path file : examples()) {
            if (isSweep(file)) {
                Distribution.Result result = Distribution.cli("sweep", file.toString(), "--dry-run");
                assertThat(result.exitCode()).as(file + ": " + result.err()).isZero();
                assertThat(result.out()).as(file.toString()).contains("variant");
            }
        }
    }
}
