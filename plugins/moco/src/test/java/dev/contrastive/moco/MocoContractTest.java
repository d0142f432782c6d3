package dev.contrastive.moco;

import dev.contrastive.api.testing.ObjectiveContract;
import org.junit.jupiter.api.Test;

/** MoCo keeps the objective contract of the plugin test kit. */
class MocoContractTest {

    @Test
    void keepsTheObjectiveContract() {
        // a queue of two batches: it wraps around within the contract's steps
        ObjectiveContract.of(new MocoObjective()).section("moco", "queue: 16").verify();
    }
}
