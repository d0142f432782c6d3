package dev.contrastive.byol;

import dev.contrastive.api.testing.ObjectiveContract;
import org.junit.jupiter.api.Test;

/** BYOL keeps the objective contract of the plugin test kit, with and without its queue of targets. */
class ByolContractTest {

    @Test
    void keepsTheObjectiveContract() {
        ObjectiveContract.of(new ByolObjective()).verify();
    }

    @Test
    void keepsItWithAQueueOfTargets() {
        ObjectiveContract.of(new ByolObjective()).section("byol", "queue: 12").verify();
    }
}
