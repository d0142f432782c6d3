package dev.contrastive.runtime.augment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive.api.Image;
import dev.contrastive.api.ImageTransform;
import dev.contrastive.api.ViewRequest;
import dev.contrastive.api.testing.YamlSection;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

/** The runtime's crop of a view, which every view's policies start from. */
class ViewCropTest {

    @Test
    void aPolicyReceivesImagesOfItsViewsSize() {
        ViewRequest view = ViewRequest.of("strong", List.of("any"), 12, 0.086, 0.429);
        ImageTransform crop = ViewCrop.of(view);
        for (int seed = 0; seed < 50; seed++) {
            Image out = crop.apply(WeakAugmentationTest.gradient(28, 32, 3), new SplittableRandom(seed));
            assertThat(out.height()).isEqualTo(12);
            assertThat(out.width()).isEqualTo(12);
            assertThat(out.channels()).isEqualTo(3);
        }
    }

    @Test
    void theWholeImageAtItsOwnSizeIsPassedOnWithoutADraw() {
        ViewRequest view = ViewRequest.of("knn-strong", List.of("strong"), 28, 1.0, 1.0);
        Image in = WeakAugmentationTest.gradient(28, 28, 1);
        SplittableRandom random = new SplittableRandom(7);
        assertThat(ViewCrop.of(view).apply(in, random)).isSameAs(in);
        assertThat(random.nextLong()).as("no draw taken").isEqualTo(new SplittableRandom(7).nextLong());
    }

    /** At scale 1..1 no box of aspect 3/4..4/3 fits a 40 x 28 image, so the crop is its centre square, as torchvision's. */
    @Test
    void aTallImageAtScaleOneGivesItsCentreSquare() {
        Image in = Image.blank(28, 28, 1);
        for (int y = 8; y < 20; y++) {
            for (int x = 8; x < 20; x++) {
                in.pixels()[y * 28 + x] = (byte) 200;
            }
        }
        ViewRequest view = ViewRequest.of("q", List.of("weak"), 28, 1.0, 1.0);
        Image larger = Image.blank(40, 28, 1);
        System.arraycopy(in.pixels(), 0, larger.pixels(), 6 * 28, 28 * 28);
        Image out = ViewCrop.of(view).apply(larger, new SplittableRandom(1));
        assertThat(out.pixels()).isEqualTo(in.pixels());
    }

    /** The weak policy no longer crops: of an image of the view's size with every operation off, it is the identity. */
    @Test
    void theWeakPolicyLeavesTheCropToTheRuntime() {
        ViewRequest view = ViewRequest.of("q", List.of("weak"), 28, 0.2, 1.0);
        ImageTransform weak = new WeakAugmentation().create(view, YamlSection.of("augment.weak",
                "jitter_p: 0\ngrayscale_p: 0\nblur_p: 0\nsolarize_p: 0\nflip_p: 0\n"));
        Image in = WeakAugmentationTest.gradient(28, 28, 3);
        assertThat(weak.apply(in, new SplittableRandom(3)).pixels()).isEqualTo(in.pixels());
    }
}
