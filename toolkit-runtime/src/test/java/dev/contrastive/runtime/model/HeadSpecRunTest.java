package dev.contrastive.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.contrastive.api.HeadSpec;
import dev.contrastive.api.blocks.HeadBlocks;
import dev.contrastive.inference.ResNetBlocks;
import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.RunFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Heads from a spec in a run: the default spec is today's MLP, and a run with heads of its own trains. */
class HeadSpecRunTest {

    @TempDir
    Path dir;

    private static List<String> parameters(NDManager manager, Block block) {
        block.initialize(manager, DataType.FLOAT32, new Shape(2, 24));
        return block.getParameters().stream().map(p -> p.getKey() + " " + p.getValue().getArray().getShape())
                .toList();
    }

    @Test
    void theStandardSpecBuildsTheDefaultMlpsParametersByName() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (boolean batchNorm : new boolean[] {false, true}) {
                List<String> spec = parameters(manager, HeadBlocks.of(HeadSpec.standard(16, 8, batchNorm)));
                assertThat(spec).as("batch norm %s", batchNorm)
                        .isEqualTo(parameters(manager, ResNetBlocks.mlp(16, 8, batchNorm)))
                        .hasSize(batchNorm ? 8 : 4);
            }
        }
    }

    @Test
    void aByolRunWithASimSiamProjectorAndABottleneckPredictorTrainsAndRecordsThem() throws IOException {
        Path runFile = Distribution.runFile(dir, """
                name: heads
                objective: byol
                data:
                  limit: 128
                model:
                  width: 2
                train:
                  epochs: 1
                  batch_size: 64
                  threads: 1
                knn:
                  k: 5
                eval:
                  linear: false
                  online_linear: false
                byol:
                  projector:
                    - {units: 24, norm: batch, activation: relu, bias: false}
                    - {units: 24, norm: batch, activation: relu, bias: false}
                    - {units: 12, norm: batch}
                  predictor:
                    - {units: 4, norm: layer, activation: gelu}
                    - {units: 12}
                """);
        Distribution.Result result = Distribution.cli("run", runFile.toString(), "--runs-dir",
                dir.resolve("runs").toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        Path run = RunFolders.onlyRun(dir.resolve("runs"));
        String config = Files.readString(run.resolve("config.yaml"));
        assertThat(config).contains("projector:").contains("predictor:").contains("norm: \"layer\"")
                .contains("activation: \"gelu\"");
        assertThat(run.resolve("encoder.params")).isRegularFile();
        assertThat(Files.readString(run.resolve("metrics.jsonl"))).contains("\"knn_top1\"");
    }
}
