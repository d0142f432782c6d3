package dev.contrastive.runtime.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.contrastive.api.host.ObjectiveChain;
import dev.contrastive.runtime.config.RunConfig;
import dev.contrastive.runtime.run.RunState;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The online linear probe: a softmax classifier trained during pre-training on the online
 * backbone's detached features of the weak view, one SGD step (momentum 0.9, zero start) per
 * training step. Its batch accuracy, taken before each update, is a learning curve at no extra
 * forward pass; {@link #top1} scores it on features of another split.
 *
 * <p>The cross-entropy gradient of a linear layer has a closed form, {@code Xᵀ(softmax(XW+b) −
 * Y)/N}, so the probe runs outside the gradient collector and cannot reach the encoder.
 */
public final class OnlineLinearProbe {


    private static final double MOMENTUM = 0.9;

    private final NDArray weights;
    private final NDArray bias;
    private final NDArray weightVelocity;
    private final NDArray biasVelocity;
    private final int classes;
    private final double lrScale;

    /**
     * @param features length of the backbone features
     * @param classes number of classes; labels lie in {@code [0, classes)}
     * @param peakLr the probe's learning rate at the peak of the run's schedule
     * @param runPeakLr the run's peak learning rate; the probe's follows the run's schedule
     * @param manager owns the probe's arrays for the whole run
     */
    public OnlineLinearProbe(int features, int classes, double peakLr, double runPeakLr, NDManager manager) {
        this.classes = classes;
        this.lrScale = peakLr / runPeakLr;
        this.weights = manager.zeros(new Shape(features, classes));
        this.bias = manager.zeros(new Shape(classes));
        this.weightVelocity = manager.zeros(new Shape(features, classes));
        this.biasVelocity = manager.zeros(new Shape(classes));
    }

    /**
     * The probe a run's {@code eval:} section asks for, on its online encoder's features.
     *
     * @param classes label classes of the data set
     * @return the probe, or null when {@code eval.online_linear} is off
     */
    public static OnlineLinearProbe of(RunConfig config, ObjectiveChain objective, int classes,
            NDManager manager) {
        return config.eval().onlineLinear()
                ? new OnlineLinearProbe(objective.onlineEncoder().featureSize(), classes, config.eval().onlineLr(),
                        config.train().lr(), manager)
                : null;
    }

    /**
     * One SGD step on a batch.
     *
     * @param features {@code N × F} detached backbone features; intermediates join their manager
     * @param labels {@code N} class labels
     * @param runLr the run's learning rate at this step
     * @return the share of the batch classified right before the update
     */
    public double step(NDArray features, NDArray labels, double runLr) {
        long n = features.getShape().get(0);
        NDArray logits = features.matMul(weights).add(bias);
        NDArray target = labels.toType(DataType.INT64, false);
        double correct = logits.argMax(1).eq(target).sum().getLong();
        NDArray residual = logits.softmax(1).sub(target.oneHot(classes)).div(n);
        NDArray weightGradient = features.transpose().matMul(residual);
        NDArray biasGradient = residual.sum(new int[] {0});
        double lr = lrScale * runLr;
        update(weights, weightVelocity, weightGradient, lr);
        update(bias, biasVelocity, biasGradient, lr);
        return correct / n;
    }

    /** {@code v = μ·v + g; w -= lr·v}, in place. */
    private static void update(NDArray parameter, NDArray velocity, NDArray gradient, double lr) {
        velocity.muli(MOMENTUM).addi(gradient);
        try (NDArray delta = velocity.mul(lr)) { // joins the velocity's long-lived manager: closed here
            parameter.subi(delta);
        }
    }

    /**
     * Top-1 accuracy on features of a split (for example the test split, in inference mode).
     *
     * @param features {@code N × F}; intermediates join their manager
     * @param labels class of each row
     */
    public double top1(NDArray features, int[] labels) {
        long[] predicted = features.matMul(weights).add(bias).argMax(1).toLongArray();
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) correct / labels.length;
    }

    /** The probe's arrays by name, for checkpoints, so a resumed run continues its curve. */
    public Map<String, NDArray> state() {
        Map<String, NDArray> state = new LinkedHashMap<>();
        state.put(RunState.ONLINE_PROBE + "weight", weights);
        state.put(RunState.ONLINE_PROBE + "bias", bias);
        state.put(RunState.ONLINE_PROBE + "weight_velocity", weightVelocity);
        state.put(RunState.ONLINE_PROBE + "bias_velocity", biasVelocity);
        return state;
    }
}
