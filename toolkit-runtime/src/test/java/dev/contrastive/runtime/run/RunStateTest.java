package dev.contrastive.runtime.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.contrastive.runtime.UserError;
import org.junit.jupiter.api.Test;

import java.util.Map;

/** A checkpoint name is one owner's, in its namespace: a clash is refused naming both owners. */
class RunStateTest {

    @Test
    void aNameClaimedByTwoOwnersIsRefusedNamingBoth() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RunState state = new RunState().add("the objective moco", "", Map.of("queue", one(manager)));
            assertThatThrownBy(() -> state.add("the objective clsa", "", Map.of("queue", one(manager))))
                    .isInstanceOf(UserError.class).hasMessage("the checkpoint state 'queue' of the objective clsa "
                            + "is already claimed by the objective moco; rename one of them");
        }
    }

    @Test
    void aNameInTheProbesNamespaceIsRefusedEvenWithoutTheProbe() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> new RunState().add("the objective moco", "",
                    Map.of("online_linear.weight", one(manager))))
                    .isInstanceOf(UserError.class).hasMessage("the checkpoint state 'online_linear.weight' of the "
                            + "objective moco lies in the online linear probe's namespace 'online_linear.'; rename "
                            + "one of them");
        }
    }

    @Test
    void anOwnerKeepsToItsNamespace() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RunState state = new RunState().add("the optimiser", RunState.OPTIMIZER,
                    Map.of("optimizer.momentum.x", one(manager)));
            assertThat(state.arrays()).containsOnlyKeys("optimizer.momentum.x");
            assertThatThrownBy(() -> state.add("the online linear probe", RunState.ONLINE_PROBE,
                    Map.of("weight", one(manager)))).isInstanceOf(UserError.class)
                    .hasMessageContaining("lies outside its namespace 'online_linear.'");
        }
    }

    @Test
    void distinctNamesKeepTheirOrder() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RunState state = new RunState().add("a", "", Map.of("x", one(manager))).add("b", "", Map.of("y", one(manager)));
            assertThat(state.arrays()).containsOnlyKeys("x", "y");
            assertThat(state.arrays().keySet()).containsExactly("x", "y");
        }
    }

    private static NDArray one(NDManager manager) {
        return manager.zeros(new Shape(1));
    }
}
