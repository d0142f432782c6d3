package ${package};

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive.api.ConfigException;
import dev.contrastive.api.Image;
import dev.contrastive.api.ImageTransform;
import dev.contrastive.api.ViewRequest;
import dev.contrastive.api.testing.TestImages;
import dev.contrastive.api.testing.YamlSection;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

/** The policy's transform: certain, never, reproducible, and its settings checked. */
class MyPolicyTest {

    private static final ViewRequest VIEW = ViewRequest.of("view1", List.of("weak", "${policyName}"), 8, 0.2, 1);

    private static ImageTransform transform(String yaml) {
        return new MyPolicy().create(VIEW, YamlSection.of("augment.${policyName}", yaml));
    }

    @Test
    void probabilityOneInvertsEveryPixel() {
        Image image = TestImages.random(8, 8, 1, 1);
        Image out = transform("p: 1").apply(image, new SplittableRandom(0));
        for (int i = 0; i < image.pixels().length; i++) {
            assertThat(out.pixels()[i] & 0xFF).isEqualTo(255 - (image.pixels()[i] & 0xFF));
        }
    }

    @Test
    void probabilityZeroIsTheIdentityAndSeedsReproduce() {
        Image image = TestImages.random(8, 8, 3, 2);
        assertThat(transform("p: 0").apply(image, new SplittableRandom(5)).pixels()).isEqualTo(image.pixels());
        ImageTransform half = transform("");
        assertThat(half.apply(image, new SplittableRandom(9)).pixels())
                .isEqualTo(half.apply(image, new SplittableRandom(9)).pixels());
    }

    @Test
    void aProbabilityAboveOneIsRefusedAtItsLine() {
        assertThatThrownBy(() -> transform("p: 1.5")).isInstanceOf(ConfigException.class)
                .hasMessageContaining(YamlSection.FILE + ":1").hasMessageContaining("p must be in [0, 1]");
    }
}
