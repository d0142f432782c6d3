package dev.contrastive.simsiam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.contrastive.api.BaseRun;
import dev.contrastive.api.host.RunModules;
import dev.contrastive.api.testing.SmallEncoders;
import dev.contrastive.api.testing.YamlSection;
import org.junit.jupiter.api.Test;

import java.util.List;

/** SimSiam's settings: defaults, refusals, and the predictor's learning rate held by the host. */
class SimsiamConfigTest {

    @Test
    void defaultsAreThePapersAndAZeroPredictorIsRefused() {
        SimsiamConfig defaults = new SimsiamConfig(null, null);
        assertThat(defaults.fixedPredictorLr()).isTrue();
        assertThat(defaults.predictorHidden(2048)).isEqualTo(512);
        assertThat(defaults.predictorHidden(2)).isEqualTo(1);
        assertThatThrownBy(() -> new SimsiamConfig(0.0, null)).hasMessage("predictor_ratio must be in (0, 1] of model.head_dim, got 0.0");
        assertThatThrownBy(() -> new SimsiamConfig(1.5, null)).hasMessageStartingWith("predictor_ratio must be in (0, 1]");
        assertThat(new SimsiamConfig(0.5, null).predictorHidden(128)).isEqualTo(64);
    }

    @Test
    void thePredictorAloneIsHeldAtThePeakLearningRateUnlessTurnedOff() {
        assertThat(held(true)).isNotEmpty().allSatisfy(p -> assertThat(p.getName()).isNotBlank());
        assertThat(held(true)).hasSizeLessThan(trainable());
        assertThat(held(false)).isEmpty();
    }

    private static List<Parameter> held(boolean fixed) {
        try (NDManager manager = NDManager.newBaseManager()) {
            RunModules context = context(manager);
            try (BaseRun ignored = new SimsiamObjective().create(context, new SimsiamConfig(null, fixed))) {
                return List.copyOf(context.heldParameters());
            }
        }
    }

    private static int trainable() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RunModules context = context(manager);
            try (BaseRun ignored = new SimsiamObjective().create(context, new SimsiamConfig(null, null))) {
                return context.trainableParameters().size();
            }
        }
    }

    private static RunModules context(NDManager manager) {
        return RunModules.builder().config(YamlSection.of("simsiam", "")).manager(manager)
                .encoders(new SmallEncoders(manager, 1, 8)).images(8, 1).build();
    }
}
