package dev.contrastive.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.RunFolders;
import dev.contrastive.runtime.plugin.TestPluginJar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An objective whose online encoder is a class of its own, not the API's {@code BlockEncoder}:
 * the runtime trains, evaluates and exports it through the {@code Encoder} interface alone. The
 * fixture plugin's encoder wraps one the context made (so its parameters are trained and saved)
 * and exposes its blocks, or, for objective {@code blockless}, does not.
 */
class OwnEncoderCliTest {

    private static final String ENCODER = """
            package own;
            import ai.djl.ndarray.NDArray;
            import ai.djl.nn.Block;
            import ai.djl.nn.Parameter;
            import dev.contrastive.api.Encoder;
            import java.util.List;
            import java.util.Map;
            import java.util.Optional;
            /** An author's encoder: the context's, behind a class the runtime has never seen. */
            final class OwnEncoder implements Encoder {
                private final Encoder inner;
                private final boolean blocks;
                OwnEncoder(Encoder inner, boolean blocks) { this.inner = inner; this.blocks = blocks; }
                public Encoding encode(NDArray images, boolean training) { return inner.encode(images, training); }
                public NDArray features(NDArray images) { return inner.features(images); }
                public int embeddingSize() { return inner.embeddingSize(); }
                public int featureSize() { return inner.featureSize(); }
                public List<Parameter> trainableParameters() { return inner.trainableParameters(); }
                public void copyFrom(Encoder source) { inner.copyFrom(source); }
                public void followEma(Encoder source, double m) { inner.followEma(source, m); }
                public Map<String, NDArray> state() { return inner.state(); }
                public Optional<Block> backboneBlock() { return blocks ? inner.backboneBlock() : Optional.empty(); }
                public Optional<Block> headBlock() { return blocks ? inner.headBlock() : Optional.empty(); }
            }
            """;

    private static String objective(String className, String name, boolean blocks) {
        return """
                package own;
                import ai.djl.ndarray.NDArray;
                import dev.contrastive.api.*;
                import dev.contrastive.api.losses.NtXent;
                import dev.contrastive.api.losses.PairBank;
                import java.util.List;
                @org.pf4j.Extension
                public class CLASS implements BaseObjective<OwnConfig> {
                    public String name() { return "NAME"; }
                    public String description() { return "SimCLR over an encoder of its own"; }
                    public Class<OwnConfig> configType() { return OwnConfig.class; }
                    public BaseRun create(BaseContext context, OwnConfig config) {
                        Encoder encoder = new OwnEncoder(context.encoder("encoder"), BLOCKS);
                        return BaseRun.withBank(List.of(context.weakView("a"), context.weakView("b")), encoder, batch -> {
                            Encoder.Encoding a = encoder.encode(batch.view("a"), true);
                            NDArray b = encoder.embed(batch.view("b"), true);
                            NDArray loss = NtXent.loss(a.embedding(), b, 0.5);
                            return StepResult.builder(loss).term("L_C", loss).weakQueries(a.embedding())
                                    .weakFeatures(a.features().stopGradient()).bank(PairBank.of(a.embedding(), b, 0.5)).build();
                        });
                    }
                }
                """.replace("CLASS", className).replace("NAME", name).replace("BLOCKS", Boolean.toString(blocks));
    }

    @TempDir
    static Path plugins;

    private static Path run;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildPluginAndTrain(@TempDir Path work) throws IOException {
        TestPluginJar.named("own").requires(">=" + Distribution.VERSION)
                .source("own.OwnConfig", "package own;\npublic record OwnConfig() {\n}\n")
                .source("own.OwnEncoder", ENCODER)
                .extension("own.Own", objective("Own", "own", true))
                .extension("own.Blockless", objective("Blockless", "blockless", false))
                .writeTo(plugins);
        try (var entries = Files.list(plugins)) {
            for (Path entry : entries.filter(Files::isDirectory).toList()) {
                org.assertj.core.util.Files.delete(entry.toFile());
            }
        }
        Path file = Distribution.runFile(work, Distribution.TINY_RUN.replace("objective: moco", "objective: own")
                .replace("moco:\n  queue: 64\n", "").replace("epochs: 2", "epochs: 1"));
        Distribution.Result result = Distribution.cli("run", file.toString(), "--runs-dir",
                work.resolve("runs").toString(), "--plugins", plugins.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        run = RunFolders.onlyRun(work.resolve("runs"));
    }

    @Test
    void itTrainsAnEpochIsEvaluatedByKnnAndItsRunFolderHoldsTheExports() throws IOException {
        assertThat(Files.readString(run.resolve("metrics.jsonl"))).contains("\"knn_top1\"");
        for (String file : new String[] {"encoder.params", "encoder.safetensors", "head.params", "serving.properties"}) {
            assertThat(run.resolve(file)).isRegularFile();
        }
    }

    @Test
    void itIsExportedFromItsCheckpointAsADjlModelFolder() {
        Path zoo = dir.resolve("zoo");
        Distribution.Result result = Distribution.cli("export", run.toString(), "--format", "djl-zoo", "--out",
                zoo.toString(), "--plugins", plugins.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(zoo.resolve("head.params")).hasSameBinaryContentAs(run.resolve("head.params"));
        assertThat(zoo.resolve("encoder.params")).hasSameBinaryContentAs(run.resolve("encoder.params"));
    }

    @Test
    void anEncoderWithoutBlocksIsRefusedAtTheStartNamingItsClass() throws IOException {
        Path file = Distribution.runFile(dir, Distribution.TINY_RUN.replace("objective: moco", "objective: blockless")
                .replace("moco:\n  queue: 64\n", ""));
        Distribution.Result result = Distribution.cli("run", file.toString(), "--runs-dir",
                dir.resolve("runs").toString(), "--plugins", plugins.toString());
        assertThat(result.exitCode()).as(result.err()).isEqualTo(3);
        assertThat(result.err()).contains("own.OwnEncoder, has no backboneBlock()").doesNotContain("\tat ");
        assertThat(dir.resolve("runs")).doesNotExist();
    }
}
