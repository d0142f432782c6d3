package dev.contrastive.simsiam;

import dev.contrastive.api.testing.ObjectiveContract;
import org.junit.jupiter.api.Test;

/** SimSiam keeps the objective contract of the plugin test kit, with its predictor held or scheduled. */
class SimsiamContractTest {

    @Test
    void keepsTheObjectiveContract() {
        ObjectiveContract.of(new SimsiamObjective()).verify();
    }

    @Test
    void keepsItWithAScheduledPredictorAndAHiddenWidthOfItsOwn() {
        ObjectiveContract.of(new SimsiamObjective()).section("simsiam", "fixed_predictor_lr: false\npredictor_ratio: 0.5")
                .verify();
    }
}
