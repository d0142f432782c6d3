package dev.contrastive.strongaugment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.contrastive.api.ConfigException;
import dev.contrastive.api.Image;
import dev.contrastive.api.ImageTransform;
import dev.contrastive.api.ViewRequest;
import dev.contrastive.api.testing.YamlSection;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The policy's random chain: reproducibility, shapes, identity settings, operations. */
class StrongAugmentationTest {

    private static final ViewRequest VIEW = ViewRequest.of("strong", List.of("weak", "strong"),
            28, 0.2, 1.0);

    private final StrongAugmentationPolicy policy = new StrongAugmentationPolicy();

    static Image gradient(int h, int w, int channels) {
        Image image = Image.blank(h, w, channels);
        for (int i = 0; i < image.pixels().length; i++) {
            image.pixels()[i] = (byte) ((i * 37 + (i / (w * channels)) * 11) % 256);
        }
        return image;
    }

    /** The policy built from an {@code augment.strong:} section, bound as a run file's is. */
    private ImageTransform transform(String yaml) {
        return policy.create(VIEW, YamlSection.of("augment.strong", yaml));
    }

    @Test
    void sameSeedGivesSameBytesAndOtherSeedsDiffer() {
        ImageTransform strong = transform("");
        Image input = gradient(28, 28, 1);
        Image a = strong.apply(input, new SplittableRandom(42));
        Image b = strong.apply(input, new SplittableRandom(42));
        assertThat(a.pixels()).isEqualTo(b.pixels());

        long differing = LongStream.range(1, 21)
                .mapToObj(seed -> strong.apply(input, new SplittableRandom(seed)))
                .filter(out -> !Arrays.equals(out.pixels(), a.pixels()))
                .count();
        assertThat(differing).as("outputs of 20 other seeds that differ from seed 42's")
                .isGreaterThanOrEqualTo(15);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void keepsShapeAndInput(int channels) {
        ImageTransform strong = transform("probability: 1.0");
        Image input = gradient(32, 24, channels);
        byte[] before = input.pixels().clone();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200; i++) {
            Image out = strong.apply(input, random);
            assertThat(out.height()).isEqualTo(32);
            assertThat(out.width()).isEqualTo(24);
            assertThat(out.channels()).isEqualTo(channels);
        }
        assertThat(input.pixels()).as("input untouched").isEqualTo(before);
    }

    @Test
    void noRepeatsOrZeroProbabilityIsTheIdentity() {
        Image input = gradient(28, 28, 3);
        for (String config : List.of("repeats: 0", "probability: 0.0")) {
            ImageTransform strong = transform(config);
            for (long seed = 0; seed < 50; seed++) {
                assertThat(strong.apply(input, new SplittableRandom(seed)).pixels())
                        .as("%s, seed %d", config, seed).isEqualTo(input.pixels());
            }
        }
    }

    @Test
    void certainApplicationChangesTheImage() {
        ImageTransform strong = transform("probability: 1.0\nops: [Invert]\nrepeats: 1");
        Image input = gradient(28, 28, 1);
        Image out = strong.apply(input, new SplittableRandom(1));
        for (int i = 0; i < input.pixels().length; i++) {
            assertThat(out.pixels()[i] & 0xFF).isEqualTo(255 - (input.pixels()[i] & 0xFF));
        }
    }

    @Test
    void explicitOpsReplaceThePool() {
        // Two inversions cancel out: a chain of Invert only is the identity after even counts.
        ImageTransform strong = transform("probability: 1.0\nops: [invert]\nrepeats: 4");
        Image input = gradient(28, 28, 1);
        assertThat(strong.apply(input, new SplittableRandom(3)).pixels())
                .isEqualTo(input.pixels());
    }

    @Test
    void poolsDifferOnlyInIdentityAndInvert() {
        assertThat(OperationPool.OFFICIAL.operations()).hasSize(14).contains(Operation.IDENTITY)
                .doesNotContain(Operation.INVERT);
        assertThat(OperationPool.PAPER.operations()).hasSize(14).contains(Operation.INVERT)
                .doesNotContain(Operation.IDENTITY);
    }

    @Test
    void listsAllFifteenOperations() {
        assertThat(policy.operations()).containsExactlyInAnyOrder("AutoContrast", "Brightness",
                "Color", "Contrast", "Equalize", "Identity", "Invert", "Posterize", "Rotate",
                "Sharpness", "ShearX", "ShearY", "Solarize", "TranslateX", "TranslateY");
        assertThat(policy.name()).isEqualTo("strong");
    }

    @Test
    void magnitudeMapsToTheEffectiveParameter() {
        Image image = gradient(28, 28, 1);
        assertThat(Operation.BRIGHTNESS.parameterAt(5, false, image)).isCloseTo(0.5,
                offset(1e-12));
        assertThat(Operation.SHARPNESS.parameterAt(9, false, image)).isCloseTo(0.86,
                offset(1e-12));
        assertThat(Operation.POSTERIZE.parameterAt(1, false, image)).isEqualTo(4);
        assertThat(Operation.POSTERIZE.parameterAt(5, false, image)).isEqualTo(6);
        assertThat(Operation.POSTERIZE.parameterAt(9, false, image)).isEqualTo(7);
        assertThat(Operation.ROTATE.parameterAt(1, false, image)).isEqualTo(3);
        assertThat(Operation.ROTATE.parameterAt(9, true, image)).isEqualTo(-27);
        assertThat(Operation.SHEAR_X.parameterAt(5, true, image)).isCloseTo(-0.15,
                offset(1e-12));
        assertThat(Operation.SOLARIZE.parameterAt(1, false, image)).isEqualTo(231);
        assertThat(Operation.SOLARIZE.parameterAt(9, false, image)).isEqualTo(26);
        assertThat(Operation.SOLARIZE.parameterAt(0, false, image)).isEqualTo(256);
        // 5 * 0.3 / 10 * 28 = 4.2 -> 4; truncation toward zero on the negative side too.
        assertThat(Operation.TRANSLATE_X.parameterAt(5, false, image)).isEqualTo(4);
        assertThat(Operation.TRANSLATE_Y.parameterAt(5, true, gradient(40, 28, 1)))
                .isEqualTo(-6);
        assertThat(Operation.IDENTITY.parameterAt(5, false, image)).isNaN();
    }

    @Test
    void applyOperationRejectsUnknownNamesAndBadValues() {
        Image image = gradient(28, 28, 1);
        assertThatThrownBy(() -> policy.applyOperation("Blur", 1, image))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Blur").hasMessageContaining("ShearX");
        assertThatThrownBy(() -> policy.applyOperation("Posterize", 9, image))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..8");
        assertThatThrownBy(() -> policy.applyOperation("Posterize", 4.5, image))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.applyOperation("Rotate", Double.NaN, image))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.applyOperation("Brightness", -0.5, image))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(policy.applyOperation("identity", Double.NaN, image).pixels())
                .isEqualTo(image.pixels());
    }

    @Test
    void quarterTurnsAndIdentityAngles() {
        Image image = gradient(5, 5, 3);
        Image turned = policy.applyOperation("Rotate", 90, image);
        // Counter-clockwise: the top-right corner becomes the top-left one.
        for (int c = 0; c < 3; c++) {
            assertThat(turned.get(0, 0, c)).isEqualTo(image.get(0, 4, c));
            assertThat(turned.get(4, 0, c)).isEqualTo(image.get(0, 0, c));
        }
        Image back = policy.applyOperation("Rotate", -90, turned);
        assertThat(back.pixels()).isEqualTo(image.pixels());
        assertThat(policy.applyOperation("Rotate", 720, image).pixels())
                .isEqualTo(image.pixels());
        Image half = policy.applyOperation("Rotate", 180, image);
        assertThat(policy.applyOperation("Rotate", 180, half).pixels())
                .isEqualTo(image.pixels());
    }

    @Test
    void translationShiftsWholePixelsWithBlackFill() {
        Image image = gradient(6, 8, 1);
        Image shifted = policy.applyOperation("TranslateX", 3, image);
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 8; x++) {
                int expected = x + 3 < 8 ? image.get(y, x + 3, 0) : 0;
                assertThat(shifted.get(y, x, 0)).as("(%d,%d)", x, y).isEqualTo(expected);
            }
        }
    }

    @Test
    void configErrorsComeFromTheRecordAtTheKeysLine() {
        assertThatThrownBy(() -> transform("repeats: 2\npool: fancy")).isInstanceOf(ConfigException.class)
                .hasMessageContaining(YamlSection.FILE + ":2:").hasMessageContaining("official")
                .hasMessageContaining("paper");
    }
}
