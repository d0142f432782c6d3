package dev.contrastive.dino;

import dev.contrastive.api.testing.ObjectiveContract;
import org.junit.jupiter.api.Test;

/** DINO keeps the objective contract of the plugin test kit. */
class DinoContractTest {

    @Test
    void keepsTheObjectiveContract() {
        ObjectiveContract.of(new DinoObjective()).verify();
    }
}
