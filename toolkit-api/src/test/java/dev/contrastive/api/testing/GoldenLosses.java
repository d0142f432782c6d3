package dev.contrastive.api.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The golden loss values ({@code golden/loss/losses.json}, computed in float64 by PyTorch) for
 * objective plugins' tests; shipped in toolkit-api's test JAR.
 */
public final class GoldenLosses {

    private GoldenLosses() {
    }

    /** The parsed file. */
    public static JsonNode read() {
        return GoldenFiles.json("loss/losses.json");
    }

    /**
     * The official CLSA code's values ({@code golden/loss/official_clsa.json}, maple-research-lab/CLSA
     * at 37df76c, float64): its {@code cases}, each with {@code inputs} and per-term values.
     */
    public static JsonNode officialClsa() {
        return GoldenFiles.json("loss/official_clsa.json");
    }

    /**
     * SimSiam's and MoCo v3's losses, gradients and momentum schedule ({@code golden/loss/frameworks.json},
     * computed in float64 by {@code benchmarks/reference/golden_simsiam_mocov3.py}).
     */
    public static JsonNode frameworks() {
        return GoldenFiles.json("loss/frameworks.json");
    }

    /**
     * The official DINO code's loss, gradients, centre and teacher-temperature schedule
     * ({@code golden/loss/official_dino.json}, facebookresearch/dino at 7c446df, float64): its
     * {@code cases}, each two consecutive steps.
     */
    public static JsonNode officialDino() {
        return GoldenFiles.json("loss/official_dino.json");
    }

    /**
     * The InstDisc authors' full softmax over the memory bank and its update
     * ({@code golden/loss/official_instdisc.json}, zhirongw/lemniscate.pytorch at f7cfe29, float64).
     */
    public static JsonNode officialInstdisc() {
        return GoldenFiles.json("loss/official_instdisc.json");
    }

    /** A JSON list of rows as a float64 {@code rows × columns} array. */
    public static NDArray matrix(NDManager manager, JsonNode rows) {
        int n = rows.size();
        int d = rows.get(0).size();
        double[] values = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                values[i * d + j] = rows.get(i).get(j).asDouble();
            }
        }
        return manager.create(values, new Shape(n, d));
    }

    /** A 0-d array's value in float64. */
    public static double value(NDArray scalar) {
        return scalar.toType(DataType.FLOAT64, false).getDouble();
    }
}
