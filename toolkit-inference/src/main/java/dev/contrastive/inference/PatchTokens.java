package dev.contrastive.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * The patch projection's {@code N × D × h × w} map to the transformer's {@code N × (1 + h·w) × D}
 * tokens: the class token first, then one token per patch in row-major order plus its learned
 * position. Positions are learned for the training image's {@code G × G} grid; a smaller view
 * (a strong view, a local crop) takes them resized bilinearly to its {@code h × w} grid, as
 * PyTorch's {@code F.interpolate(mode="bilinear", align_corners=False)} resizes them.
 *
 * <p>Parameters: {@code token} ({@code 1 × 1 × D}, the class token with its position folded in:
 * only their sum enters the model) and {@code positions} ({@code G × G·D}, grid row by grid row),
 * both initialised from {@code N(0, 0.02)} as DINO's ViT initialises them.
 */
final class PatchTokens extends AbstractBlock {

    private final int width;
    private final Parameter token;
    private final Parameter positions;

    /**
     * @param grid patches per side of the training image
     * @param width the token width {@code D}
     */
    PatchTokens(int grid, int width) {
        this.width = width;
        this.token = addParameter(Parameter.builder().setName("token").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1, 1, width)).optInitializer(new NormalInitializer(0.02f)).build());
        this.positions = addParameter(Parameter.builder().setName("positions").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(grid, (long) grid * width)).optInitializer(new NormalInitializer(0.02f)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray map = inputs.singletonOrThrow();
        long n = map.getShape().get(0);
        int h = (int) map.getShape().get(2);
        int w = (int) map.getShape().get(3);
        NDManager batch = map.getManager();
        NDArray patches = map.reshape(n, width, (long) h * w).transpose(0, 2, 1);
        NDArray grid = store.getValue(positions, map.getDevice(), training);
        int side = (int) grid.getShape().get(0); // the loaded array's, which a rebuilt block may not know
        NDArray placed = h == side && w == side ? sameGrid(grid, batch) : resized(grid, h, w, batch);
        NDArray withPositions = patches.add(placed);
        // zeros of the batch first: an op whose first operand is the long-lived token would land in its manager
        NDArray classToken = batch.zeros(new Shape(n, 1, width)).add(store.getValue(token, map.getDevice(), training));
        return new NDList(NDArrays.concat(new NDList(classToken, withPositions), 1));
    }

    /** The positions as {@code 1 × G² × D}, handed to the batch's manager. */
    private NDArray sameGrid(NDArray grid, NDManager batch) {
        NDArray rows = grid.reshape(1, grid.getShape().size() / width, width);
        rows.attach(batch);
        return rows;
    }

    /** {@code R_h · P · R_wᵀ} per channel, with the bilinear resampling matrices of {@link #bilinear}. */
    private NDArray resized(NDArray grid, int h, int w, NDManager batch) {
        int g = (int) grid.getShape().get(0);
        NDArray alongRows = batch.create(bilinear(g, h), new Shape(h, g)).matMul(grid); // h × (G·D)
        NDArray columnsFirst = alongRows.reshape(h, g, width).transpose(1, 0, 2).reshape(g, (long) h * width);
        NDArray both = batch.create(bilinear(g, w), new Shape(w, g)).matMul(columnsFirst); // w × (h·D)
        return both.reshape(w, h, width).transpose(1, 0, 2).reshape(1, (long) h * w, width);
    }

    /**
     * The {@code out × in} matrix of PyTorch's bilinear resize without corner alignment: output
     * {@code i} samples the input at {@code (i + 0.5)·in/out − 0.5}, clamped at 0, between its
     * two neighbours.
     */
    static float[] bilinear(int in, int out) {
        float[] weights = new float[out * in];
        double scale = (double) in / out;
        for (int i = 0; i < out; i++) {
            double source = Math.max(0, (i + 0.5) * scale - 0.5);
            int left = (int) source;
            int right = left < in - 1 ? left + 1 : left;
            double lambda = source - left;
            weights[i * in + left] += (float) (1 - lambda);
            weights[i * in + right] += (float) lambda;
        }
        return weights;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape map = inputs[0];
        return new Shape[] {new Shape(map.get(0), 1 + map.get(2) * map.get(3), width)};
    }
}
