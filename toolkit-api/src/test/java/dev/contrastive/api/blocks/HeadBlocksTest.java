package dev.contrastive.api.blocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import dev.contrastive.api.HeadSpec;
import dev.contrastive.api.HeadSpec.Activation;
import dev.contrastive.api.HeadSpec.Layer;
import dev.contrastive.api.HeadSpec.Norm;
import org.junit.jupiter.api.Test;

import java.util.List;

/** Heads built from a spec have the shapes and parameter counts of their closed forms, and compute them. */
class HeadBlocksTest {

    private static Block built(NDManager manager, HeadSpec spec, int in) {
        Block block = HeadBlocks.of(spec);
        block.initialize(manager, DataType.FLOAT32, new Shape(2, in));
        return block;
    }

    private static long trainable(Block block) {
        return block.getParameters().values().stream().filter(Parameter::requiresGradient)
                .mapToLong(p -> p.getArray().size()).sum();
    }

    private static NDArray forward(NDManager manager, Block block, NDArray input) {
        return block.forward(new ParameterStore(manager, false), new NDList(input), false).singletonOrThrow();
    }

    private static List<Parameter> parameters(Block block) {
        return block.getParameters().values();
    }

    @Test
    void aSimSiamProjectorHasThreeLayersWithBatchNormAfterEachIncludingTheOutput() {
        int in = 16;
        int h = 12;
        int d = 6;
        HeadSpec projector = HeadSpec.of(
                Layer.linear(h).withBias(false).withNorm(Norm.BATCH).withActivation(Activation.RELU),
                Layer.linear(h).withBias(false).withNorm(Norm.BATCH).withActivation(Activation.RELU),
                Layer.linear(d).withNorm(Norm.BATCH));
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = built(manager, projector, in);
            assertThat(projector.outputSize()).isEqualTo(d);
            assertThat(block.getOutputShapes(new Shape[] {new Shape(5, in)})[0]).isEqualTo(new Shape(5, d));
            assertThat(forward(manager, block, manager.ones(new Shape(5, in))).getShape()).isEqualTo(new Shape(5, d));
            // weights (no bias before the first two BatchNorms), then γ and β of each BatchNorm
            assertThat(trainable(block)).isEqualTo((long) in * h + 2 * h + h * h + 2 * h + h * d + d + 2 * d);
            assertThat(block.getChildren().values().stream().filter(b -> b instanceof BatchNorm)).hasSize(3);
        }
    }

    @Test
    void aBottleneckPredictorAndADinoHeadHaveTheirParameterCounts() {
        int in = 32;
        HeadSpec simsiam = HeadSpec.of(Layer.linear(8).withNorm(Norm.BATCH).withActivation(Activation.RELU),
                Layer.linear(in));
        HeadSpec dino = HeadSpec.of(Layer.linear(24).withActivation(Activation.GELU), Layer.bottleneck(8),
                Layer.weightNormalized(64));
        try (NDManager manager = NDManager.newBaseManager()) {
            Block predictor = built(manager, simsiam, in);
            assertThat(trainable(predictor)).isEqualTo(in * 8 + 8 + 2 * 8 + 8 * in + in);
            assertThat(forward(manager, predictor, manager.ones(new Shape(3, in))).getShape())
                    .isEqualTo(new Shape(3, in));
            Block head = built(manager, dino, in);
            assertThat(trainable(head)).isEqualTo(in * 24 + 24 + 24 * 8 + 8 + 8 * 64);
            assertThat(forward(manager, head, manager.ones(new Shape(3, in))).getShape()).isEqualTo(new Shape(3, 64));
        }
    }

    @Test
    void layerNormStandardisesEachRow() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = built(manager, HeadSpec.of(Layer.linear(4).withNorm(Norm.LAYER)), 4);
            List<Parameter> p = parameters(block);
            p.get(0).getArray().set(new float[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1});
            float[][] rows = {{1, 2, 3, 4}, {0, 0, 0, 8}};
            float[] out = forward(manager, block, manager.create(rows)).toFloatArray();
            for (int r = 0; r < rows.length; r++) {
                double mean = 0;
                for (float x : rows[r]) {
                    mean += x / 4.0;
                }
                double var = 0;
                for (float x : rows[r]) {
                    var += (x - mean) * (x - mean) / 4.0;
                }
                for (int c = 0; c < 4; c++) {
                    assertThat((double) out[4 * r + c]).isCloseTo((rows[r][c] - mean) / Math.sqrt(var + 1e-5),
                            within(1e-5));
                }
            }
        }
    }

    @Test
    void aWeightNormalisedLayerUsesUnitWeightRowsWhateverTheirScale() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = built(manager, HeadSpec.of(Layer.weightNormalized(2)), 3);
            List<Parameter> p = parameters(block);
            assertThat(p).hasSize(1);
            float[] out = new float[0];
            for (float scale : new float[] {1, 10}) {
                p.get(0).getArray().set(new float[] {3 * scale, 0, 4 * scale, 0, 2 * scale, 0});
                out = forward(manager, block, manager.create(new float[][] {{1, 1, 1}})).toFloatArray();
                // (1, 1, 1) · (3, 0, 4) / 5 and (1, 1, 1) · (0, 2, 0) / 2
                assertThat(out[0]).as("scale %s", scale).isCloseTo(1.4f, within(1e-6f));
                assertThat(out[1]).as("scale %s", scale).isCloseTo(1.0f, within(1e-6f));
            }
            assertThat(out).hasSize(2);
        }
    }

    @Test
    void aBottleneckIsTheLinearMapL2Normalised() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = built(manager, HeadSpec.of(Layer.bottleneck(2)), 3);
            List<Parameter> p = parameters(block);
            p.get(0).getArray().set(new float[] {1, 0, 0, 0, 1, 1});
            p.get(1).getArray().set(new float[] {2, -1});
            float[] out = forward(manager, block, manager.create(new float[][] {{1, 2, 3}})).toFloatArray();
            // x·Wᵀ + b = (1 + 2, 5 - 1) = (3, 4), of norm 5
            assertThat(out[0]).isCloseTo(0.6f, within(1e-6f));
            assertThat(out[1]).isCloseTo(0.8f, within(1e-6f));
        }
    }
}
