package dev.contrastive.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive.api.AugmentationPolicy;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.ContrastiveObjective;
import dev.contrastive.runtime.augment.WeakAugmentation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/**
 * Issue 24, class 8, what is accepted (the refusals are BadInputTest's {@code yaml} cases):
 * aliases resolve to a copy of their anchor's value, {@code !!str} keeps a value a string, a
 * valid run file as large as the documented 4 MiB is read, and a run's name may hold letters of
 * any script (class 10).
 */
class YamlEdgeCasesTest {

    private final RunConfigLoader loader = new RunConfigLoader(
            Map.of("moco", new RunConfigLoaderTest.Named("moco", ContrastiveObjective.Role.BASE)),
            Map.<String, AugmentationPolicy>of("weak", new WeakAugmentation()));

    private RunConfig load(String yaml, String... overrides) {
        return loader.load(yaml, "run.yaml", List.of(overrides));
    }

    @Test
    void anAliasIsItsAnchorsValueScalarOrSection() {
        RunConfig config = load("objective: moco\nknn:\n  k: &k 7\ntrain:\n  epochs: *k\n"
                + "model: &model {width: 8}\n");
        assertThat(config.train().epochs()).isEqualTo(7);
        assertThat(config.knn().k()).isEqualTo(7);
        RunConfig sections = load("objective: moco\ndata: &d {limit: 640}\nmodel: {width: 8}\n");
        assertThat(sections.data().limit()).isEqualTo(640);
    }

    @Test
    void onlyTrueAndFalseAreBooleansAndTheWordsOfYaml11AreWords() {
        assertThat(load("objective: moco\neval:\n  linear: false\n").eval().linear()).isFalse();
        assertThat(load("objective: moco\neval:\n  linear: True\n").eval().linear()).isTrue();
        assertThat(load("name: on\nobjective: moco\n").settings().name()).isEqualTo("on");
        assertThatThrownBy(() -> load("objective: moco\neval:\n  linear: off\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("eval.linear: expected boolean, got \"off\"");
    }

    @Test
    void theStringTagKeepsAValueAString() {
        assertThat(load("name: !!str 2024\nobjective: moco\n").settings().name()).isEqualTo("2024");
    }

    @Test
    void aValidRunFileOfAlmostFourMebibytesIsRead() {
        StringBuilder text = new StringBuilder("name: big\nobjective: moco\n");
        while (text.length() < LocatedYaml.MAX_BYTES - 100) {
            text.append("# padding padding padding padding padding padding padding padding padding padding\n");
        }
        assertThat(text.length()).isGreaterThan(3_500_000);
        assertThat(load(text.toString()).settings().name()).isEqualTo("big");
    }

    @Test
    void aRunNameMayHoldLettersOfAnyScript() {
        assertThat(load("name: Größe-日本\nobjective: moco\n").settings().name()).isEqualTo("Größe-日本");
        assertThat(load("objective: moco\n", "name=Ελληνικά_1").settings().name()).isEqualTo("Ελληνικά_1");
        assertThatThrownBy(() -> load("name: a/b\nobjective: moco\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("name may hold letters and digits of any script");
    }
}
