package dev.contrastive.clsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.SourceLocation;
import dev.contrastive.api.StepResult;
import dev.contrastive.api.ViewBatch;
import dev.contrastive.api.ViewRequest;
import dev.contrastive.api.host.ObjectiveChain;
import dev.contrastive.api.host.RunModules;
import dev.contrastive.api.testing.Chains;
import dev.contrastive.api.testing.FakeBase;
import dev.contrastive.api.testing.FixedSection;
import dev.contrastive.api.testing.GoldenLosses;
import dev.contrastive.api.testing.NoEncoders;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * CLSA built through its factory over a fake base that is nothing but the SPI: the "images" of
 * each view are the golden embeddings themselves and the base's query path is the identity. The
 * totals over SimCLR's and BYOL's candidates (written out here, as any base would) match
 * PyTorch's golden values, so the add-on needs nothing else of a base.
 */
class ClsaOverFakeBaseTest {

    private static final JsonNode GOLDEN = GoldenLosses.read();

    @Test
    void totalOverSimclrCandidatesMatchesGolden() {
        assertTotal("simclr", (manager) -> {
            NDArray all = NDArrays.concat(new NDList(input(manager, "query"), input(manager, "key")), 0);
            int n = (int) all.getShape().get(0) / 2;
            // anchor a_i's candidates: the 2N views but itself, in their order
            return queries -> {
                NDArray full = queries.matMul(all.transpose());
                NDArray first = full.get(":, 0:{}", n);
                NDArray offDiagonal = first.flatten().get("1:").reshape(n - 1, n + 1).get(":, 0:{}", n)
                        .reshape(n, n - 1);
                return NDArrays.concat(new NDList(offDiagonal, full.get(":, {}:", n)), 1);
            };
        });
    }

    @Test
    void totalOverByolCandidatesMatchesGolden() {
        assertTotal("byol", manager -> {
            NDArray targets = input(manager, "key");
            return queries -> queries.matMul(targets.transpose());
        });
    }

    @Test
    void aBaseWithoutBankIsRefusedAtTheObjectiveLine() {
        try (NDManager manager = NDManager.newBaseManager()) {
            FakeBase base = new FakeBase(manager.zeros(new ai.djl.ndarray.types.Shape(1)), null, false);
            assertThatThrownBy(() -> chain(manager, base))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("run.yaml:3:12").hasMessageContaining("representation bank");
        }
    }

    @Test
    void strongViewsExtendTheBasesFirstView() {
        try (NDManager manager = NDManager.newBaseManager()) {
            FakeBase base = new FakeBase(manager.zeros(new ai.djl.ndarray.types.Shape(1)), null, true);
            ObjectiveChain clsa = chain(manager, base);
            ViewRequest strong = clsa.views().get(2);
            assertThat(strong.name()).isEqualTo("strong0");
            assertThat(strong.policies()).containsExactly("crop-only", "strong");
            assertThat(strong.size()).isEqualTo(6);
            assertThat(strong.minScale()).isEqualTo(0.3);
        }
    }

    private interface BankOver {
        UnaryOperator<NDArray> similarities(NDManager manager);
    }

    private static void assertTotal(String baseName, BankOver bankOver) {
        JsonNode expected = GOLDEN.get(baseName);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray contrastive = manager.create(expected.has("contrastive")
                    ? expected.get("contrastive").asDouble() : expected.get("regression").asDouble());
            FakeBase base = new FakeBase(contrastive, bankOver.similarities(manager)::apply, true);
            ObjectiveChain clsa = chain(manager, base);
            Map<String, NDArray> views = new LinkedHashMap<>();
            views.put("weak", input(manager, "query"));
            views.put("other", input(manager, "key"));
            for (int v = 0; v < 2; v++) {
                views.put("strong" + v, GoldenLosses.matrix(manager, GOLDEN.get("inputs").get("strong").get(v)));
            }
            StepResult step = clsa.forward(batch(manager, views));
            assertThat(GoldenLosses.value(step.terms().get("L_D")))
                    .isCloseTo(expected.get("ddm_sum").asDouble(), within(1e-6));
            assertThat(GoldenLosses.value(step.loss())).isCloseTo(expected.get("total_sum").asDouble(), within(1e-6));
        }
    }

    private static NDArray input(NDManager manager, String name) {
        return GoldenLosses.matrix(manager, GOLDEN.get("inputs").get(name));
    }

    /** The base, then clsa with a section that sets τ_d and β of the golden file and views of 6 px. */
    private static ObjectiveChain chain(NDManager manager, FakeBase base) {
        ClsaConfig config = new ClsaConfig(GOLDEN.get("beta").asDouble(), GOLDEN.get("tau_ddm").asDouble(), "sum",
                null, null, List.of(new ViewGeometry(null, null), new ViewGeometry(null, null)), null);
        FixedSection section = new FixedSection("clsa", config, new SourceLocation("run.yaml", 4, 1));
        return Chains.over(RunModules.builder().encoders(new NoEncoders()).manager(manager).batchSize(4).images(8, 1)
                .locator(key -> new SourceLocation("run.yaml", 3, 12)), base, new ClsaObjective(), section);
    }

    private static ViewBatch batch(NDManager manager, Map<String, NDArray> views) {
        return new ViewBatch() {
            @Override
            public int size() {
                return 4;
            }

            @Override
            public NDArray view(String name) {
                return views.get(name);
            }

            @Override
            public NDArray labels() {
                throw new AssertionError("labels are for probes, never for the loss");
            }

            @Override
            public NDManager manager() {
                return manager;
            }
        };
    }
}
