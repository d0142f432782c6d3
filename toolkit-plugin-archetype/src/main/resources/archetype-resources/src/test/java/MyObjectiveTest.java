package ${package};

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.ObjectiveContext;
import dev.contrastive.api.testing.NoEncoders;
import dev.contrastive.api.testing.ObjectiveContract;
import dev.contrastive.api.testing.YamlSection;
import dev.contrastive.clsa.ClsaObjective;
import org.junit.jupiter.api.Test;

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
            ObjectiveContext context = ObjectiveContext.builder()
                    .config(YamlSection.of("${objectiveName}", "uniformity: -1"))
                    .encoders(new NoEncoders()).manager(manager).batchSize(8).build();
            assertThatThrownBy(() -> new MyObjective().create(context)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining(YamlSection.FILE + ":1").hasMessageContaining("uniformity must be");
        }
    }
}
