package dev.contrastive.mocov3;

import dev.contrastive.api.testing.ObjectiveContract;
import org.junit.jupiter.api.Test;

/** MoCo v3 keeps the objective contract of the plugin test kit. */
class Mocov3ContractTest {

    @Test
    void keepsTheObjectiveContract() {
        ObjectiveContract.of(new Mocov3Objective()).verify();
    }
}
