package dev.contrastive.clsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.api.RepresentationBank;
import dev.contrastive.api.StepResult;
import dev.contrastive.api.host.ObjectiveChain;
import dev.contrastive.api.host.RunModules;
import dev.contrastive.api.testing.Chains;
import dev.contrastive.api.testing.ArrayBatch;
import dev.contrastive.api.testing.GoldenLosses;
import dev.contrastive.api.testing.IdentityEncoders;
import dev.contrastive.api.testing.YamlSection;
import dev.contrastive.moco.MocoObjective;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code moco+clsa} with {@code moco.candidates: batch} against what the official CLSA code
 * computes (golden/loss/official_clsa.json: maple-research-lab/CLSA @37df76c, float64, its
 * encoders replaced by identities). The chain is built through both plugins' factories over
 * {@link IdentityEncoders}, with as many extra weak queries and strong views as each case of the
 * file has; the queue is the file's. Every term must agree to 1e-6.
 */
class OfficialClsaGoldenTest {

    private static final JsonNode GOLDEN = GoldenLosses.officialClsa();

    @TestFactory
    List<DynamicTest> everyCaseOfTheFile() {
        List<DynamicTest> tests = new ArrayList<>();
        GOLDEN.get("cases").properties().forEach(entry ->
                tests.add(DynamicTest.dynamicTest(entry.getKey(), () -> check(entry.getValue()))));
        return tests;
    }

    private static void check(JsonNode expected) {
        JsonNode inputs = expected.get("inputs");
        int weakQueries = inputs.get("weak_queries").size();
        int strongViews = inputs.get("strong").size();
        try (NDManager manager = NDManager.newBaseManager()) {
            IdentityEncoders identities = new IdentityEncoders(inputs.get("key").get(0).size());
            ObjectiveChain clsa = Chains.of(RunModules.builder().encoders(identities).manager(manager).batchSize(4)
                    .images(28, 1).weakScale(0.2, 1), Map.of(
                    "moco", "queue: " + inputs.get("queue").size() + "\ntemperature: " + GOLDEN.get("tau").asDouble()
                            + "\ncandidates: batch\n",
                    "clsa", "beta: " + GOLDEN.get("alpha").asDouble() + "\ntemperature: " + GOLDEN.get("tau_d").asDouble()
                            + "\nreduction: sum\nextra_queries: " + geometries(weakQueries - 1) + "\nviews: "
                            + geometries(strongViews) + "\n"), List.of(new MocoObjective(), new ClsaObjective()));
            GoldenLosses.matrix(manager, inputs.get("queue")).copyTo(clsa.state().get("queue.keys"));

            Map<String, NDArray> views = new LinkedHashMap<>();
            views.put("query", weak(manager, inputs, 0));
            views.put("key", GoldenLosses.matrix(manager, inputs.get("key")));
            for (int w = 1; w < weakQueries; w++) {
                views.put("weak" + w, weak(manager, inputs, w));
            }
            for (int s = 0; s < strongViews; s++) {
                views.put("strong" + s, GoldenLosses.matrix(manager, inputs.get("strong").get(s)));
            }
            assertThat(clsa.views()).extracting(v -> v.name()).containsExactlyElementsOf(views.keySet());
            StepResult step = clsa.forward(new ArrayBatch(manager, views));

            JsonNode perWeak = expected.get("contrastive_per_weak");
            assertThat(value(step, "L_C")).isCloseTo(perWeak.get(0).asDouble(), within(1e-6));
            if (weakQueries > 1) {
                double extra = expected.get("contrastive_sum").asDouble() - perWeak.get(0).asDouble();
                assertThat(value(step, "L_Cx")).isCloseTo(extra, within(1e-6));
            }
            assertThat(value(step, "L_D")).isCloseTo(expected.get("ddm_sum").asDouble(), within(1e-6));
            assertThat(GoldenLosses.value(step.loss())).isCloseTo(expected.get("total").asDouble(), within(1e-6));

            RepresentationBank bank = step.bank();
            assertThat(bank.similarities(views.get("query")).getShape().get(1))
                    .isEqualTo(expected.get("candidates").asLong());
            for (int w = 0; w < weakQueries; w++) {
                NDArray weak = weak(manager, inputs, w);
                assertThat(GoldenLosses.value(bank.contrastiveLoss(weak))).as("contrastive term of weak query %d", w)
                        .isCloseTo(perWeak.get(w).asDouble(), within(1e-6));
                for (int s = 0; s < strongViews; s++) {
                    NDArray strong = GoldenLosses.matrix(manager, inputs.get("strong").get(s));
                    double pair = GoldenLosses.value(DistributionalDivergence.loss(bank.similarities(weak),
                            bank.similarities(strong), GOLDEN.get("tau_d").asDouble()));
                    assertThat(pair).as("DDM of weak query %d and strong view %d", w, s)
                            .isCloseTo(expected.get("ddm_per_pair").get(w * strongViews + s).asDouble(), within(1e-6));
                }
            }
        }
    }

    /** {@code n} views of the weak view's geometry: the identity encoders ignore crops. */
    private static String geometries(int n) {
        return "[" + String.join(", ", java.util.Collections.nCopies(n, "{size: 1.0}")) + "]";
    }

    private static NDArray weak(NDManager manager, JsonNode inputs, int w) {
        return GoldenLosses.matrix(manager, inputs.get("weak_queries").get(w));
    }

    private static double value(StepResult step, String term) {
        assertThat(step.terms()).containsKey(term);
        return GoldenLosses.value(step.terms().get(term));
    }
}
