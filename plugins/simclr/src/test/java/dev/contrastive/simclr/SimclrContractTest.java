package dev.contrastive.simclr;

import dev.contrastive.api.testing.ObjectiveContract;
import org.junit.jupiter.api.Test;

/** SimCLR keeps the objective contract of the plugin test kit. */
class SimclrContractTest {

    @Test
    void keepsTheObjectiveContract() {
        ObjectiveContract.of(new SimclrObjective()).verify();
    }
}
