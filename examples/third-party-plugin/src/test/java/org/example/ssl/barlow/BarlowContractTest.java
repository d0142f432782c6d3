package org.example.ssl.barlow;

import dev.contrastive.api.testing.ObjectiveContract;
import dev.contrastive.clsa.ClsaObjective;
import org.junit.jupiter.api.Test;

/**
 * The API's objective contract (views, a finite loss reaching the parameters, unit weak queries,
 * weak features, the bank, a stable and complete {@code state()}, no native memory growing),
 * trained for a few steps over the kit's {@code SmallEncoders}: {@code barlow} alone, and under
 * CLSA as {@code objective: barlow+clsa} composes it.
 */
class BarlowContractTest {

    @Test
    void barlowKeepsTheObjectiveContract() {
        ObjectiveContract.of(new BarlowObjective()).verify();
    }

    @Test
    void barlowWithClsaKeepsTheObjectiveContract() {
        ObjectiveContract.of(new BarlowObjective(), new ClsaObjective()).verify();
    }
}
