package dev.contrastive.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The teachers' schedules against their closed forms. */
class MomentumTest {

    @Test
    void cosineToOneRisesFromItsBaseToOne() {
        Momentum byol = Momentum.cosineToOne(0.99);
        assertThat(byol.at(TrainingProgress.of(0, 100, 0))).isCloseTo(0.99, within(1e-12));
        assertThat(byol.at(TrainingProgress.of(50, 100, 0))).isCloseTo(0.995, within(1e-12));
        assertThat(byol.at(TrainingProgress.of(99, 100, 0)))
                .isCloseTo(1 - 0.01 * (Math.cos(Math.PI * 0.99) + 1) / 2, within(1e-12)).isGreaterThan(0.9999);
    }

    @Test
    void constantIsTheSameAtEveryStep() {
        assertThat(Momentum.constant(0.99).at(TrainingProgress.of(0, 10, 0))).isEqualTo(0.99);
        assertThat(Momentum.constant(0.99).at(TrainingProgress.of(9, 10, 3))).isEqualTo(0.99);
    }

    @Test
    void aMomentumOutsideTheUnitIntervalIsRefused() {
        assertThatThrownBy(() -> Momentum.constant(1.5)).hasMessage("momentum must be in [0, 1], got 1.5");
    }
}
