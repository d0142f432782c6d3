package dev.contrastive.strongaugment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive.api.Image;

import org.junit.jupiter.api.Test;

/** Pillow's three affine engines agree with each other where more than one applies. */
class AffineSamplerTest {

    @Test
    void fixedAndFloatingPointEnginesAgreeOnDyadicShears() {
        // Multiples of 1/64 are exact in 16.16 fixed point and in sums of doubles, so both engines
        // must pick the same pixels (for other values they may differ where Pillow's do).
        Image image = StrongAugmentationTest.gradient(32, 32, 3);
        for (int k = -19; k <= 19; k++) {
            double s = k / 64.0;
            assertThat(AffineSampler.fixedPoint(image, 1, s, 0, 0, 1, 0).pixels())
                    .as("ShearX %s", s)
                    .isEqualTo(AffineSampler.floatingPoint(image, 1, s, 0, 0, 1, 0).pixels());
            assertThat(AffineSampler.fixedPoint(image, 1, 0, 0, s, 1, 0).pixels())
                    .as("ShearY %s", s)
                    .isEqualTo(AffineSampler.floatingPoint(image, 1, 0, 0, s, 1, 0).pixels());
        }
    }

    @Test
    void integerTranslationAgreesAcrossEngines() {
        Image image = StrongAugmentationTest.gradient(28, 28, 1);
        for (int t = -30; t <= 30; t++) {
            Image scale = AffineSampler.transform(image, 1, 0, t, 0, 1, 0);
            assertThat(AffineSampler.fixedPoint(image, 1, 0, t, 0, 1, 0).pixels())
                    .as("fixed, t=%d", t).isEqualTo(scale.pixels());
            assertThat(AffineSampler.floatingPoint(image, 1, 0, t, 0, 1, 0).pixels())
                    .as("floating, t=%d", t).isEqualTo(scale.pixels());
        }
    }

    @Test
    void roundsLikePython() {
        assertThat(AffineSampler.roundTo15Decimals(Math.cos(Math.PI / 2))).isEqualTo(0.0);
        assertThat(AffineSampler.roundTo15Decimals(0.1234567890123456789))
                .isEqualTo(0.123456789012346);
    }
}
