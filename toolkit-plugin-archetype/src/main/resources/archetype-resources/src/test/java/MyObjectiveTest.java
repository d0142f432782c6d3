package ${package};

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.host.RunModules;
import dev.contrastive.api.testing.Chains;
import dev.contrastive.api.testing.NoEncoders;
import dev.contrastive.api.testing.ObjectiveContract;
import dev.contrastive.api.testing.YamlSection;
import dev.contrastive.clsa.ClsaObjective;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/** The objective keeps the toolkit's contract alone and under CLSA, and refuses bad settings at their line. */
class MyObjectiveTest {

    @Test
    void keepsTheObjectiveContract() {
        ObjectiveContract.of(new MyObjective()).section("${objectiveName}", "uniformity: 0.5").verify();
    }

    @Test
    void composesWithClsa() {
        ObjectiveContract.of(new MyObjective(), new ClsaObjective()).verify();
    }

    @Test
    void aNegativeUniformityIsRefusedAtItsLine() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RunModules.Builder facts = RunModules.builder().encoders(new NoEncoders()).manager(manager).batchSize(8);
            assertThatThrownBy(() -> Chains.of(facts, Map.of("${objectiveName}", "uniformity: -1"),
                    List.of(new MyObjective()))).isInstanceOf(ConfigException.class)
                    .hasMessageContaining(YamlSection.FILE + ":1").hasMessageContaining("uniformity must be");
        }
    }
}
