package org.example.ssl.barlow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive.api.ConfigException;
import dev.contrastive.api.Image;
import dev.contrastive.api.ImageTransform;
import dev.contrastive.api.ViewRequest;
import dev.contrastive.api.testing.YamlSection;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The {@code cutout} policy: its invariants, its reproducibility, its section and its operation. */
class CutoutTest {

    private static final ViewRequest VIEW = ViewRequest.of("view1", List.of("weak", "cutout"), 28, 0.2, 1.0);

    private final CutoutPolicy policy = new CutoutPolicy();

    /** The policy built from an {@code augment.cutout:} section's YAML body, bound as the host binds it. */
    private ImageTransform transform(String yaml) {
        return policy.create(VIEW, YamlSection.of("augment.cutout", yaml));
    }

    /** Distinct, non-fill values everywhere (never 0 nor 200), so an erased pixel is recognisable. */
    private static Image pattern(int h, int w, int channels) {
        Image image = Image.blank(h, w, channels);
        for (int i = 0; i < image.pixels().length; i++) {
            image.pixels()[i] = (byte) (1 + (i * 7) % 199);
        }
        return image;
    }

    /** Rows and columns of the pixels where {@code out} differs from {@code in}: {top, bottom, left, right} or null. */
    private static int[] changedBox(Image in, Image out) {
        int top = Integer.MAX_VALUE;
        int bottom = -1;
        int left = Integer.MAX_VALUE;
        int right = -1;
        for (int y = 0; y < in.height(); y++) {
            for (int x = 0; x < in.width(); x++) {
                for (int c = 0; c < in.channels(); c++) {
                    if (in.get(y, x, c) != out.get(y, x, c)) {
                        top = Math.min(top, y);
                        bottom = Math.max(bottom, y + 1);
                        left = Math.min(left, x);
                        right = Math.max(right, x + 1);
                    }
                }
            }
        }
        return bottom < 0 ? null : new int[] {top, bottom, left, right};
    }

    @Test
    void erasesOneClippedSquareWithFillAndLeavesTheRestUntouched() {
        ImageTransform cutout = transform("p: 1.0\nsize: 0.25\nfill: 200");
        for (int channels : new int[] {1, 3}) {
            Image in = pattern(28, 28, channels);
            byte[] before = in.pixels().clone();
            for (long seed = 0; seed < 200; seed++) {
                Image out = cutout.apply(in, new SplittableRandom(seed));
                assertThat(in.pixels()).as("the input is not written").isEqualTo(before);
                int[] box = changedBox(in, out);
                assertThat(box).as("p = 1 always erases").isNotNull();
                // the square is 7 pixels (0.25 × 28), less where clipped at a border
                int height = box[1] - box[0];
                int width = box[3] - box[2];
                assertThat(height).isBetween(1, 7);
                assertThat(width).isBetween(1, 7);
                assertThat(height == 7 || box[0] == 0 || box[1] == 28).isTrue();
                assertThat(width == 7 || box[2] == 0 || box[3] == 28).isTrue();
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        boolean inside = y >= box[0] && y < box[1] && x >= box[2] && x < box[3];
                        for (int c = 0; c < channels; c++) {
                            assertThat(out.get(y, x, c)).isEqualTo(inside ? 200 : in.get(y, x, c));
                        }
                    }
                }
            }
        }
    }

    @Test
    void centresCoverTheWholeImageSoSomeSquaresAreClipped() {
        ImageTransform cutout = transform("p: 1.0\nsize: 0.5");
        Image in = pattern(16, 16, 1);
        boolean clipped = false;
        boolean whole = false;
        for (long seed = 0; seed < 300; seed++) {
            int[] box = changedBox(in, cutout.apply(in, new SplittableRandom(seed)));
            int area = (box[1] - box[0]) * (box[3] - box[2]);
            clipped |= area < 64;
            whole |= area == 64;
        }
        assertThat(clipped).isTrue();
        assertThat(whole).isTrue();
    }

    @Test
    void probabilityZeroIsTheIdentity() {
        ImageTransform cutout = transform("p: 0.0");
        Image in = pattern(28, 28, 3);
        for (long seed = 0; seed < 100; seed++) {
            assertThat(cutout.apply(in, new SplittableRandom(seed)).pixels()).isEqualTo(in.pixels());
        }
    }

    @Test
    void theDefaultErasesAboutHalfOfTheImages() {
        ImageTransform cutout = transform("");
        Image in = pattern(28, 28, 1);
        int erased = 0;
        for (long seed = 0; seed < 1000; seed++) {
            if (changedBox(in, cutout.apply(in, new SplittableRandom(seed))) != null) {
                erased++;
            }
        }
        assertThat(erased).isBetween(430, 570);
    }

    @Test
    void sameSeedGivesSameBytesAndOtherSeedsDiffer() {
        ImageTransform cutout = transform("p: 1.0\nsize: 0.3");
        Image in = pattern(32, 32, 3);
        Image first = cutout.apply(in, new SplittableRandom(42));
        assertThat(cutout.apply(in, new SplittableRandom(42)).pixels()).isEqualTo(first.pixels());
        long distinct = java.util.stream.LongStream.range(0, 20)
                .mapToObj(seed -> Arrays.toString(changedBox(in, cutout.apply(in, new SplittableRandom(seed)))))
                .distinct().count();
        assertThat(distinct).isGreaterThan(10);
    }

    @Test
    void defaultsAreThoseDocumented() {
        assertThat(policy.configType()).isEqualTo(CutoutConfig.class);
        CutoutConfig config = new CutoutConfig(null, null, null);
        assertThat(config.p()).isEqualTo(0.5);
        assertThat(config.size()).isEqualTo(0.25);
        assertThat(config.fill()).isZero();
    }

    @Test
    void outOfRangeSettingsAreConfigErrorsNamingTheKey() {
        Object[][] bad = {
            {"p", "-0.1", "p must be in [0, 1]"}, {"p", "1.5", "p must be in [0, 1]"},
            {"size", "0.0", "size must be in (0, 1]"}, {"size", "1.01", "size must be in (0, 1]"},
            {"fill", "-1", "fill must be in [0, 255]"}, {"fill", "256", "fill must be in [0, 255]"},
        };
        for (Object[] c : bad) {
            // the bad key on the section's second line, after a comment: the error points there
            assertThatThrownBy(() -> transform("# erasing\n" + c[0] + ": " + c[1] + "\n")).as("%s = %s", c[0], c[1])
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(YamlSection.FILE + ":2:").hasMessageContaining("augment.cutout: " + c[2]);
        }
        assertThatThrownBy(() -> new CutoutConfig(Double.NaN, null, null)).hasMessageStartingWith("p must be");
        assertThatThrownBy(() -> transform("fill: 0.5")).as("no float truncated to an integer")
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> transform("probability: 0.5")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("augment.cutout.probability: unknown key");
        // the edges of each range are allowed
        transform("p: 0.0\nsize: 1.0\nfill: 255");
        transform("p: 1.0\nsize: 0.01\nfill: 0");
    }

    @Test
    void theNamedOperationErasesACentredSquareDeterministically() {
        assertThat(policy.operations()).containsExactly("cutout");
        Image in = pattern(28, 28, 3);
        Image out = policy.applyOperation("cutout", 0.5, in);
        assertThat(changedBox(in, out)).containsExactly(7, 21, 7, 21);
        assertThat(out.get(14, 14, 2)).isZero();
        assertThat(policy.applyOperation("cutout", 0.5, in).pixels()).isEqualTo(out.pixels());
        Image all = policy.applyOperation("cutout", 1.0, pattern(5, 5, 1));
        assertThat(all.pixels()).containsOnly((byte) 0);
        assertThatThrownBy(() -> policy.applyOperation("cutout", 0, in))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> policy.applyOperation("Rotate", 0.5, in))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[cutout]");
    }
}
