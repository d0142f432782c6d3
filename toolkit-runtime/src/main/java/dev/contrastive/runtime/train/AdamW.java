package dev.contrastive.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.contrastive.api.host.ObjectiveChain;
import dev.contrastive.runtime.config.TrainConfig;
import dev.contrastive.runtime.run.RunState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PyTorch's {@code torch.optim.AdamW} at its defaults (betas 0.9 and 0.999, eps 1e-8, no
 * amsgrad), the optimiser MoCo v3 and DINO train ViTs with, in place: {@code w -= lr·wd·w}
 * (decoupled decay), {@code m = β1·m + (1−β1)·g}, {@code v = β2·v + (1−β2)·g²},
 * {@code w -= lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + eps)}. Both moments are saved under their
 * parameters' state names ({@code optimizer.adamw.m.…}, {@code optimizer.adamw.v.…}) and the step
 * count as {@code optimizer.adamw.step}.
 */
final class AdamW implements Optimizer {

    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPS = 1e-8;

    private static final String PREFIX = RunState.OPTIMIZER + "adamw.";

    private final TrainedParameters trained;
    private final List<NDArray> first = new ArrayList<>();
    private final List<NDArray> second = new ArrayList<>();
    /** Steps taken, a float64 scalar so that a checkpoint carries it; exact up to 2^53. */
    private final NDArray steps;
    private final double weightDecay;
    private final double peakLr;

    /**
     * @param named the state that saves the parameters, each array under its name
     * @param heldAtPeak parameters trained at {@code peakLr} whatever the schedule's rate
     */
    AdamW(List<Parameter> parameters, Map<String, NDArray> named, double weightDecay, NDManager manager,
            List<Parameter> heldAtPeak, double peakLr) {
        this.trained = TrainedParameters.of(parameters, named, heldAtPeak);
        this.weightDecay = weightDecay;
        this.peakLr = peakLr;
        for (Parameter parameter : parameters) {
            first.add(manager.zeros(parameter.getArray().getShape()));
            second.add(manager.zeros(parameter.getArray().getShape()));
        }
        this.steps = manager.zeros(new Shape(), DataType.FLOAT64);
    }

    /** AdamW over a run's objective chain: {@code train.lr} and {@code train.weight_decay}. */
    static AdamW of(ObjectiveChain chain, TrainConfig train, NDManager manager) {
        return new AdamW(chain.trainableParameters(), chain.state(), train.weightDecay(), manager,
                chain.heldParameters(), train.lr());
    }

    @Override
    public void step(double lr) {
        steps.addi(1);
        double t = steps.getDouble();
        double firstCorrection = 1 - Math.pow(BETA1, t);
        double secondCorrectionRoot = Math.sqrt(1 - Math.pow(BETA2, t));
        for (int i = 0; i < trained.size(); i++) {
            double rate = trained.lr(i, lr, peakLr);
            NDArray weight = trained.array(i);
            NDArray m = first.get(i);
            NDArray v = second.get(i);
            try (NDArray grad = weight.getGradient(); NDArray gradPart = grad.mul(1 - BETA1);
                 NDArray squared = grad.mul(grad)) {
                weight.muli(1 - rate * weightDecay);
                m.muli(BETA1).addi(gradPart);
                v.muli(BETA2).addi(squared.muli(1 - BETA2));
                grad.subi(grad);
            }
            try (NDArray denominator = v.sqrt(); NDArray update = m.div(denominator.divi(secondCorrectionRoot).addi(EPS))) {
                weight.subi(update.muli(rate / firstCorrection));
            }
        }
    }

    @Override
    public Map<String, NDArray> state() {
        Map<String, NDArray> state = new LinkedHashMap<>();
        for (int i = 0; i < trained.size(); i++) {
            state.put(PREFIX + "m." + trained.names().get(i), first.get(i));
            state.put(PREFIX + "v." + trained.names().get(i), second.get(i));
        }
        state.put(PREFIX + "step", steps);
        return state;
    }

    /** AdamW came with named state: no older names. */
    @Override
    public Map<String, String> positionalNames() {
        return Map.of();
    }
}
