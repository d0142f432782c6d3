package dev.contrastive.moco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The {@code moco:} section's defaults and refusals. */
class MocoConfigTest {

    @Test
    void anUnknownCandidateSetNamesTheAllowedOnes() {
        assertThatThrownBy(() -> new MocoConfig(null, null, null, "queue-only", null))
                .hasMessage("candidates must be one of own, batch, got queue-only");
    }

    @Test
    void defaultsAreMocoV2sOnSmallData() {
        assertThat(new MocoConfig(null, null, null, null, null)).isEqualTo(new MocoConfig(4096, 0.2, 0.99, "own", null));
    }
}
