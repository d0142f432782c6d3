package dev.contrastive.simclr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.SourceLocation;
import dev.contrastive.api.host.RunModules;
import dev.contrastive.api.testing.FixedSection;
import dev.contrastive.api.testing.NoEncoders;
import org.junit.jupiter.api.Test;

class SimclrObjectiveTest {

    /** A host that allows one image per batch still gets a message naming the batch size's line. */
    @Test
    void aBatchOfOneHasNoNegativesAndIsRefusedAtItsLine() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RunModules context = RunModules.builder()
                    .config(new FixedSection("simclr", new SimclrConfig(null, null), new SourceLocation("run.yaml", 9, 3)))
                    .encoders(new NoEncoders()).manager(manager).batchSize(1)
                    .locator(key -> new SourceLocation("run.yaml", key.equals("train.batch_size") ? 7 : 1, 15))
                    .build();
            assertThatThrownBy(() -> new SimclrObjective().create(context, new SimclrConfig(null, null)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("run.yaml:7:15").hasMessageContaining("at least 2 images");
        }
    }

    @Test
    void configRejectsANonPositiveTemperature() {
        assertThatThrownBy(() -> new SimclrConfig(0.0, null)).hasMessageContaining("temperature must be > 0");
        assertThat(new SimclrConfig(null, null).temperature()).isEqualTo(0.5);
    }
}
