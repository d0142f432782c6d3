package dev.contrastive.api.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A linear layer without bias whose weight rows are divided by their L2 norm,
 * {@code y = x · (v / |v|)ᵀ} with {@code v} of shape {@code units × in}: PyTorch's
 * {@code weight_norm(nn.Linear(in, units, bias=False))} with the gain fixed at 1 (DINO's last
 * layer with {@code norm_last_layer}). Its one parameter, {@code weight}, is {@code v}.
 */
final class WeightNormLinear extends AbstractBlock {

    private final int units;
    private final Parameter weight;

    /** @param units outputs */
    WeightNormLinear(int units) {
        this.units = units;
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        NDArray v = store.getValue(weight, input.getDevice(), training);
        NDArray unitRows = v.normalize(2, 1, 1e-12);
        // An op on the long-lived weight lands in the weight's manager: hand it to the batch's.
        unitRows.attach(input.getManager());
        return Linear.linear(input, unitRows);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), units)};
    }

    @Override
    public void prepare(Shape[] inputs) {
        weight.setShape(new Shape(units, inputs[0].get(inputs[0].dimension() - 1)));
    }
}
