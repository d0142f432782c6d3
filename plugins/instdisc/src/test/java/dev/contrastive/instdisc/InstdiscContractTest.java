package dev.contrastive.instdisc;

import dev.contrastive.api.testing.ObjectiveContract;
import org.junit.jupiter.api.Test;

/** InstDisc keeps the objective contract of the plugin test kit. */
class InstdiscContractTest {

    @Test
    void keepsTheObjectiveContractWithDrawnNegatives() {
        ObjectiveContract.of(new InstdiscObjective()).section("instdisc", "negatives: 16").verify();
    }

    @Test
    void keepsTheObjectiveContractOverTheWholeBank() {
        ObjectiveContract.of(new InstdiscObjective()).section("instdisc", "negatives: 0").verify();
    }
}
