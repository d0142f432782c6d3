package dev.contrastive.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.contrastive.api.host.ObjectiveChain;
import dev.contrastive.runtime.config.TrainConfig;
import dev.contrastive.runtime.run.RunState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PyTorch's SGD with momentum and (coupled) weight decay, in place:
 * {@code d = g + wd·w; buf = μ·buf + d; w -= lr·buf}. Written here rather than taken from DJL
 * because DJL's update folds the learning rate into the momentum buffer, which changes the
 * dynamics under a schedule and breaks parity with the reference recipes. Each momentum buffer is
 * saved under its parameter's state name ({@code optimizer.momentum.online.backbone.…}), so a
 * checkpoint restores every buffer to its own parameter whatever order the parameters come in.
 */
final class Sgd implements Optimizer {

    private static final String MOMENTUM = RunState.OPTIMIZER + "momentum.";

    private final TrainedParameters trained;
    private final List<NDArray> buffers = new ArrayList<>();
    private final double momentum;
    private final double weightDecay;
    private final double peakLr;

    /**
     * @param parameters what the optimiser updates
     * @param named the state that saves them, each parameter's array under its name
     * @throws IllegalStateException if a parameter is saved under no name
     */
    Sgd(List<Parameter> parameters, Map<String, NDArray> named, double momentum, double weightDecay,
            NDManager manager) {
        this(parameters, named, momentum, weightDecay, manager, List.of(), 0);
    }

    /**
     * An optimiser of a run's objective chain: its parameters, its state's names, and the parameters
     * it holds at the run's peak learning rate ({@code BaseContext.holdLearningRate}).
     */
    static Sgd of(ObjectiveChain chain, TrainConfig train, NDManager manager) {
        return new Sgd(chain.trainableParameters(), chain.state(), train.momentum(), train.weightDecay(), manager,
                chain.heldParameters(), train.lr());
    }

    /**
     * @param heldAtPeak parameters trained at {@code peakLr} at every step, whatever {@link #step}'s
     *     learning rate (SimSiam's predictor)
     */
    Sgd(List<Parameter> parameters, Map<String, NDArray> named, double momentum, double weightDecay,
            NDManager manager, List<Parameter> heldAtPeak, double peakLr) {
        this.trained = TrainedParameters.of(parameters, named, heldAtPeak);
        this.peakLr = peakLr;
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        for (Parameter parameter : parameters) {
            buffers.add(manager.zeros(parameter.getArray().getShape()));
        }
    }

    @Override
    public void step(double lr) {
        for (int i = 0; i < trained.size(); i++) {
            NDArray weight = trained.array(i);
            NDArray buffer = buffers.get(i);
            try (NDArray grad = weight.getGradient(); NDArray decay = weight.mul(weightDecay)) {
                grad.addi(decay);
                buffer.muli(momentum).addi(grad);
                grad.subi(grad);
            }
            try (NDArray delta = buffer.mul(trained.lr(i, lr, peakLr))) {
                weight.subi(delta);
            }
        }
    }

    /** Momentum buffers by their parameters' state names, for checkpoints. */
    @Override
    public Map<String, NDArray> state() {
        Map<String, NDArray> state = new LinkedHashMap<>();
        for (int i = 0; i < buffers.size(); i++) {
            state.put(MOMENTUM + trained.names().get(i), buffers.get(i));
        }
        return state;
    }

    /**
     * The names checkpoints written before buffers were named (toolkit 0.3.0 and before) gave the
     * buffers, {@code optimizer.momentum.<position>}, each to the name it has now: those
     * checkpoints were written by the same code in the same parameter order, so they resume.
     */
    @Override
    public Map<String, String> positionalNames() {
        Map<String, String> positional = new LinkedHashMap<>();
        for (int i = 0; i < trained.size(); i++) {
            positional.put(MOMENTUM + i, MOMENTUM + trained.names().get(i));
        }
        return positional;
    }
}
