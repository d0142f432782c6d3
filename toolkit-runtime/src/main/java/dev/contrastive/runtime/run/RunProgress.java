package dev.contrastive.runtime.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where training stood when a checkpoint was written.
 *
 * @param epochs epochs completed
 * @param steps steps of the next epoch completed (0 at an epoch's end; see
 *     {@code train.checkpoint_every_steps})
 * @param sums the running sums of that epoch's step metrics, for its epoch record
 */
public record RunProgress(int epochs, int steps, Map<String, Double> sums) {

    /** Copies the sums, keeping their order. */
    public RunProgress {
        sums = Collections.unmodifiableMap(new LinkedHashMap<>(sums));
    }

    /** After {@code epochs} whole epochs. */
    public static RunProgress after(int epochs) {
        return new RunProgress(epochs, 0, Map.of());
    }

    /** "epoch 2" or "step 40 of epoch 3", for messages. */
    public String describe() {
        return steps == 0 ? "epoch " + epochs : "step " + steps + " of epoch " + (epochs + 1);
    }
}
