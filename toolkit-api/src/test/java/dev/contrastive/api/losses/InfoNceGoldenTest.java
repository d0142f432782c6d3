package dev.contrastive.api.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.api.testing.GoldenLosses;
import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * InfoNCE (MoCo's loss) over both candidate sets: {@code own} against PyTorch's float64 value in
 * golden/loss/losses.json, {@code batch} against the official CLSA code's contrastive term of
 * every weak query of every case in golden/loss/official_clsa.json.
 */
class InfoNceGoldenTest {

    @Test
    void ownCandidatesGiveTheGoldenContrastiveValue() {
        JsonNode golden = GoldenLosses.read();
        JsonNode inputs = golden.get("inputs");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray loss = InfoNce.loss(GoldenLosses.matrix(manager, inputs.get("query")),
                    GoldenLosses.matrix(manager, inputs.get("key")), GoldenLosses.matrix(manager, inputs.get("queue")),
                    golden.get("tau").asDouble(), Candidates.OWN);
            assertThat(GoldenLosses.value(loss))
                    .isCloseTo(golden.get("moco").get("contrastive").asDouble(), within(1e-6));
        }
    }

    @Test
    void batchCandidatesGiveTheOfficialClsaCodesContrastiveTerms() {
        JsonNode golden = GoldenLosses.officialClsa();
        for (Map.Entry<String, JsonNode> entry : golden.get("cases").properties()) {
            JsonNode inputs = entry.getValue().get("inputs");
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray keys = GoldenLosses.matrix(manager, inputs.get("key"));
                NDArray queue = GoldenLosses.matrix(manager, inputs.get("queue"));
                for (int w = 0; w < inputs.get("weak_queries").size(); w++) {
                    NDArray queries = GoldenLosses.matrix(manager, inputs.get("weak_queries").get(w));
                    NDArray similarities = InfoNce.similarities(queries, keys, queue, Candidates.BATCH);
                    assertThat(similarities.getShape().get(1))
                            .isEqualTo(entry.getValue().get("candidates").asLong());
                    double loss = GoldenLosses.value(InfoNce.loss(queries, keys, queue, golden.get("tau").asDouble(),
                            Candidates.BATCH));
                    assertThat(loss).as("%s, weak query %d", entry.getKey(), w)
                            .isCloseTo(entry.getValue().get("contrastive_per_weak").get(w).asDouble(), within(1e-6));
                }
            }
        }
    }

    @Test
    void anUnknownCandidateSetNamesTheAllowedOnes() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Candidates.named("queue-only"))
                .hasMessage("candidates must be one of own, batch, got queue-only");
    }
}
