package org.example.ssl.barlow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.contrastive.api.testing.GoldenLosses;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * {@link CrossCorrelationLoss} against {@code golden/barlow.json}, which
 * {@code reference/barlow_golden.py} computed with PyTorch in float64, and against closed forms.
 */
class CrossCorrelationLossGoldenTest {

    private static JsonNode golden() throws IOException {
        try (InputStream in = CrossCorrelationLossGoldenTest.class.getResourceAsStream("/golden/barlow.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static NDArray matrix(NDManager manager, JsonNode rows, DataType type) {
        return GoldenLosses.matrix(manager, rows).toType(type, false);
    }

    @Test
    void matchesPyTorchInFloat64() throws IOException {
        JsonNode golden = golden();
        assertThat(golden.get("eps").asDouble()).isEqualTo(CrossCorrelationLoss.EPSILON);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray z1 = matrix(manager, golden.get("z1"), DataType.FLOAT64);
            NDArray z2 = matrix(manager, golden.get("z2"), DataType.FLOAT64);
            double[] c = CrossCorrelationLoss.crossCorrelation(z1, z2).toDoubleArray();
            JsonNode expectedC = golden.get("cross_correlation");
            int d = expectedC.size();
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    assertThat(c[i * d + j]).as("C[%d][%d]", i, j).isCloseTo(expectedC.get(i).get(j).asDouble(), within(1e-9));
                }
            }
            for (JsonNode golden1 : golden.get("cases")) {
                double lambda = golden1.get("lambda").asDouble();
                double loss = CrossCorrelationLoss.loss(z1, z2, lambda).getDouble();
                assertThat(loss).as("lambda %s", lambda).isCloseTo(golden1.get("loss").asDouble(), within(1e-6));
            }
        }
    }

    /** Training runs in float32: the same values within float32 rounding of sums of ~D² terms. */
    @Test
    void matchesPyTorchInFloat32() throws IOException {
        JsonNode golden = golden();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray z1 = matrix(manager, golden.get("z1"), DataType.FLOAT32);
            NDArray z2 = matrix(manager, golden.get("z2"), DataType.FLOAT32);
            for (JsonNode golden1 : golden.get("cases")) {
                NDArray loss = CrossCorrelationLoss.loss(z1, z2, golden1.get("lambda").asDouble());
                assertThat(loss.getDataType()).isEqualTo(DataType.FLOAT32);
                assertThat(loss.getShape()).isEqualTo(new Shape());
                assertThat((double) loss.getFloat()).isCloseTo(golden1.get("loss").asDouble(), within(1e-5));
            }
        }
    }

    /**
     * Identical views whose columns are already standardised and mutually orthogonal (the
     * columns of an 8 × 8 Hadamard matrix but the constant one) have C = I / (1 + ε): both terms
     * vanish, the diagonal up to (ε / (1 + ε))² per dimension.
     */
    @Test
    void decorrelatedIdenticalViewsCostNothing() {
        int n = 8;
        int d = 7;
        double[] values = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                // Sylvester's Hadamard entry (−1)^popcount(i & (j + 1)): column j + 1 has mean 0, variance 1
                values[i * d + j] = Integer.bitCount(i & (j + 1)) % 2 == 0 ? 1 : -1;
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray z = manager.create(values, new Shape(n, d));
            double expected = d * Math.pow(CrossCorrelationLoss.EPSILON / (1 + CrossCorrelationLoss.EPSILON), 2);
            assertThat(CrossCorrelationLoss.loss(z, z, 1.0).getDouble()).isCloseTo(expected, within(1e-12));
            assertThat(CrossCorrelationLoss.loss(z, z, 1.0).getDouble()).isCloseTo(0, within(1e-6));
        }
    }

    /** Independent of how the views are scaled and shifted: standardisation removes both. */
    @Test
    void ignoresAffineChangesOfEitherView() throws IOException {
        JsonNode golden = golden();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray z1 = matrix(manager, golden.get("z1"), DataType.FLOAT64);
            NDArray z2 = matrix(manager, golden.get("z2"), DataType.FLOAT64);
            double loss = CrossCorrelationLoss.loss(z1, z2, 0.5).getDouble();
            NDArray moved = z2.mul(3).add(7);
            // not exact: ε weighs differently against the larger variance
            assertThat(CrossCorrelationLoss.loss(z1, moved, 0.5).getDouble()).isCloseTo(loss, within(1e-4));
        }
    }
}
