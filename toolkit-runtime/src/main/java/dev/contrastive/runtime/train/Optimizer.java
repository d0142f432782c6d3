package dev.contrastive.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.contrastive.api.host.ObjectiveChain;
import dev.contrastive.runtime.config.TrainConfig;

import java.util.Map;

/**
 * The run's optimiser, {@code train.optimizer}: {@link Sgd} or {@link AdamW}, each as PyTorch's
 * computes it. Its state (buffers, step count) is saved in checkpoints under its parameters'
 * state names, so that a run resumes exactly.
 */
interface Optimizer {

    /**
     * Applies one update with the gradients of the last backward pass, then zeroes them.
     *
     * @param lr the schedule's learning rate for this step; held parameters take the peak instead
     */
    void step(double lr);

    /** The state a checkpoint saves, by name. */
    Map<String, NDArray> state();

    /**
     * Names of the state in checkpoints of older toolkits, each to the name it has now (empty where
     * there were none).
     */
    Map<String, String> positionalNames();

    /** The optimiser of {@code train}, over a run's objective chain. */
    static Optimizer of(ObjectiveChain chain, TrainConfig train, NDManager manager) {
        return train.optimizer().equals(TrainConfig.ADAMW) ? AdamW.of(chain, train, manager)
                : Sgd.of(chain, train, manager);
    }
}
