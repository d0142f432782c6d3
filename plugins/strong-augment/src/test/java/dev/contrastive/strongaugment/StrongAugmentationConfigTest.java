package dev.contrastive.strongaugment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Defaults and validation of the {@code augment.strong} section. */
class StrongAugmentationConfigTest {

    private static StrongAugmentationConfig config(String pool, Integer repeats, Double p,
            Integer min, Integer max, List<String> ops) {
        return new StrongAugmentationConfig(pool, repeats, p, min, max, ops);
    }

    @Test
    void fillsTheClsaDefaults() {
        StrongAugmentationConfig c = config(null, null, null, null, null, null);
        assertThat(c.pool()).isEqualTo("official");
        assertThat(c.repeats()).isEqualTo(5);
        assertThat(c.probability()).isEqualTo(0.5);
        assertThat(c.min_magnitude()).isEqualTo(1);
        assertThat(c.max_magnitude()).isEqualTo(9);
        assertThat(c.ops()).isNull();
        assertThat(c.operationList()).isEqualTo(OperationPool.OFFICIAL.operations());
    }

    @Test
    void explicitOpsOverrideThePoolAndAreNormalised() {
        StrongAugmentationConfig c = config("paper", null, null, null, null,
                List.of("rotate", "ShearX"));
        assertThat(c.ops()).containsExactly("Rotate", "ShearX");
        assertThat(c.operationList()).containsExactly(Operation.ROTATE, Operation.SHEAR_X);
        assertThat(config("paper", null, null, null, null, null).operationList())
                .isEqualTo(OperationPool.PAPER.operations());
    }

    @Test
    void rejectsUnknownPoolListingTheAllowedOnes() {
        assertThatThrownBy(() -> config("randaugment", null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("randaugment").hasMessageContaining("official, paper");
    }

    @Test
    void rejectsUnknownOpListingTheAllowedOnes() {
        assertThatThrownBy(() -> config(null, null, null, null, null, List.of("Rotate", "Blur")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Blur'")
                .hasMessageContaining("AutoContrast, Brightness, Color, Contrast, Equalize, "
                        + "Identity, Invert, Posterize, Rotate, Sharpness, ShearX, ShearY, "
                        + "Solarize, TranslateX, TranslateY");
        List<String> withNull = new ArrayList<>(Arrays.asList("Rotate", null));
        assertThatThrownBy(() -> config(null, null, null, null, null, withNull))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowed");
    }

    @Test
    void rejectsAnEmptyOpList() {
        assertThatThrownBy(() -> config(null, null, null, null, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one").hasMessageContaining("Solarize");
    }

    @Test
    void rejectsRepeatsOutsideTheirRange() {
        assertThatThrownBy(() -> config(null, -1, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("repeats must be a whole number in 0..64, got -1");
        assertThatThrownBy(() -> config(null, 65, null, null, null, null))
                .hasMessageContaining("repeats must be a whole number in 0..64, got 65");
        assertThat(config(null, 0, null, null, null, null).repeats()).isZero();
    }

    @Test
    void rejectsProbabilityOutsideTheUnitInterval() {
        for (double p : new double[] {-0.1, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> config(null, null, p, null, null, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("probability").hasMessageContaining("between 0 and 1");
        }
        assertThat(config(null, null, 1.0, null, null, null).probability()).isEqualTo(1.0);
    }

    @Test
    void rejectsMagnitudesOffTheScaleOrReversed() {
        assertThatThrownBy(() -> config(null, null, null, -1, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("min_magnitude").hasMessageContaining("between 0 and 10");
        assertThatThrownBy(() -> config(null, null, null, null, 11, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max_magnitude").hasMessageContaining("between 0 and 10");
        assertThatThrownBy(() -> config(null, null, null, 7, 3, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not exceed");
        StrongAugmentationConfig full = config(null, null, null, 0, 10, null);
        assertThat(full.min_magnitude()).isZero();
        assertThat(full.max_magnitude()).isEqualTo(10);
    }
}
