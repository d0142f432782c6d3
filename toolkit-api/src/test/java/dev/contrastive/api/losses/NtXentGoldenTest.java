package dev.contrastive.api.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.api.testing.GoldenLosses;
import org.junit.jupiter.api.Test;

/** NT-Xent and SimCLR's candidates against PyTorch's float64 values in golden/loss/losses.json. */
class NtXentGoldenTest {

    private static final JsonNode GOLDEN = GoldenLosses.read();

    @Test
    void lossEqualsGoldenContrastiveValue() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray loss = NtXent.loss(input(manager, "query"), input(manager, "key"), GOLDEN.get("tau").asDouble());
            assertThat(GoldenLosses.value(loss))
                    .isCloseTo(GOLDEN.get("simclr").get("contrastive").asDouble(), within(1e-6));
        }
    }

    @Test
    void divergenceOverTheBankEqualsGoldenPerView() {
        double tauD = GOLDEN.get("tau_ddm").asDouble();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray query = input(manager, "query");
            PairBank bank = PairBank.of(query, input(manager, "key"), 0.5);
            NDArray weak = bank.similarities(query);
            assertThat(weak.getShape()).isEqualTo(new Shape(4, 7));
            for (int v = 0; v < 2; v++) {
                NDArray strong = bank.similarities(GoldenLosses.matrix(manager, GOLDEN.get("inputs").get("strong").get(v)));
                // the divergence written out: softmax of the weak, log-softmax of the strong
                NDArray target = weak.div(tauD).softmax(1);
                double ddm = GoldenLosses.value(target.mul(strong.div(tauD).logSoftmax(1)).sum(new int[] {1}).mean().neg());
                assertThat(ddm).isCloseTo(GOLDEN.get("simclr").get("ddm_per_view").get(v).asDouble(), within(1e-6));
            }
        }
    }

    @Test
    void theBanksLossOfEachViewsAnchorsAveragesToNtXent() {
        double tau = GOLDEN.get("tau").asDouble();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = input(manager, "query");
            NDArray b = input(manager, "key");
            // the a-anchors' half over [a; b], the b-anchors' half over [b; a]: the same candidate sets as NT-Xent's
            double first = GoldenLosses.value(PairBank.of(a, b, tau).contrastiveLoss(a));
            double second = GoldenLosses.value(PairBank.of(b, a, tau).contrastiveLoss(b));
            assertThat((first + second) / 2).isCloseTo(GOLDEN.get("simclr").get("contrastive").asDouble(), within(1e-6));
        }
    }

    @Test
    void withoutSelfDropsExactlyTheDiagonalAndKeepsOrder() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray s = manager.arange(12f).reshape(3, 4);
            assertThat(NtXent.withoutSelf(s).toFloatArray()).containsExactly(1, 2, 3, 4, 6, 7, 8, 9, 11);
        }
    }

    private static NDArray input(NDManager manager, String name) {
        return GoldenLosses.matrix(manager, GOLDEN.get("inputs").get(name));
    }
}
