package dev.contrastive.clsa;

import dev.contrastive.api.ContrastiveObjective;
import dev.contrastive.api.testing.ObjectiveContract;
import dev.contrastive.byol.ByolObjective;
import dev.contrastive.dino.DinoObjective;
import dev.contrastive.instdisc.InstdiscObjective;
import dev.contrastive.moco.MocoObjective;
import dev.contrastive.mocov3.Mocov3Objective;
import dev.contrastive.simclr.SimclrObjective;
import dev.contrastive.simsiam.SimsiamObjective;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

/** CLSA composes with every bundled base and the chain keeps the objective contract. */
class ClsaContractTest {

    /** Fewer negatives than the kit's data set has images. */
    private static final String INSTDISC = "negatives: 16";

    static List<ContrastiveObjective> bases() {
        return List.of(new MocoObjective(), new SimclrObjective(), new ByolObjective(), new SimsiamObjective(),
                new Mocov3Objective(), new DinoObjective(), new InstdiscObjective());
    }

    @ParameterizedTest(name = "{0}+clsa")
    @MethodSource("bases")
    void baseWithClsaKeepsTheObjectiveContract(ContrastiveObjective base) {
        ObjectiveContract.of(base, new ClsaObjective()).section("moco", "queue: 16").section("instdisc", INSTDISC)
                .verify();
    }

    @ParameterizedTest(name = "{0}+clsa, multi-crop")
    @MethodSource("bases")
    void multiCropKeepsTheObjectiveContract(ContrastiveObjective base) {
        ObjectiveContract.of(base, new ClsaObjective()).section("moco", "queue: 16\ncandidates: batch")
                .section("instdisc", INSTDISC)
                .section("clsa", "recipe: paper-multicrop").verify();
    }

    @ParameterizedTest(name = "{0}+clsa, strong views as positives")
    @MethodSource("bases")
    void strongViewsAsPositivesKeepTheObjectiveContract(ContrastiveObjective base) {
        ObjectiveContract.of(base, new ClsaObjective()).section("moco", "queue: 16").section("instdisc", INSTDISC)
                .section("clsa", "loss: positive")
                .verify();
    }
}
