package dev.contrastive.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.contrastive.runtime.UserError;
import org.junit.jupiter.api.Test;

import java.util.Map;

/** A checkpoint name is one owner's: a second claim is refused naming both. */
class RunStateTest {

    @Test
    void aNameClaimedByTwoOwnersIsRefusedNamingBoth() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RunState state = new RunState().add("the objective moco", Map.of("online_linear.weight", manager.zeros(
                    new ai.djl.ndarray.types.Shape(1))));
            assertThatThrownBy(() -> state.add("the online linear probe",
                    Map.of("online_linear.weight", manager.ones(new ai.djl.ndarray.types.Shape(1)))))
                    .isInstanceOf(UserError.class)
                    .hasMessage("the checkpoint state 'online_linear.weight' is claimed by both the objective moco "
                            + "and the online linear probe; rename one of them");
        }
    }

    @Test
    void distinctNamesKeepTheirOrder() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RunState state = new RunState().add("a", Map.of("x", manager.zeros(new ai.djl.ndarray.types.Shape(1))))
                    .add("b", Map.of("y", manager.zeros(new ai.djl.ndarray.types.Shape(1))));
            assertThat(state.arrays()).containsOnlyKeys("x", "y");
            assertThat(state.arrays().keySet()).containsExactly("x", "y");
        }
    }
}
