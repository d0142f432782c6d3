package dev.contrastive.runtime.augment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive.api.Image;
import dev.contrastive.api.ImageTransform;
import dev.contrastive.api.ViewRequest;
import dev.contrastive.api.testing.TestImages;
import dev.contrastive.runtime.config.LocatedYaml;
import dev.contrastive.runtime.config.TreeSection;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A view's own policy settings (BYOL's asymmetric pair) override the run file's section for that
 * view alone: the transform equals the one built from a section that says the same, and differs
 * from the run file's.
 */
class ViewSettingsTest {

    @Test
    void aViewsOwnSettingsActAsItsSectionSaidThem() {
        ViewRequest plain = ViewRequest.of("view2", List.of("weak"), 24, 0.5, 1.0);
        ViewRequest own = plain.withSetting("weak", "blur_p", 1.0).withSetting("weak", "solarize_p", 0.5);
        assertThat(own.settings("weak")).isEqualTo(Map.of("blur_p", 1.0, "solarize_p", 0.5));
        assertThat(own.settings("strong")).isEmpty();

        TreeSection runFile = section("blur_p: 0.0\nsolarize_p: 0.0\n");
        ImageTransform overridden = new WeakAugmentation().create(own, runFile.withValues(own.settings("weak")));
        ImageTransform written = new WeakAugmentation().create(plain, section("blur_p: 1.0\nsolarize_p: 0.5\n"));
        ImageTransform asRunFile = new WeakAugmentation().create(plain, runFile.withValues(plain.settings("weak")));
        Image image = TestImages.random(32, 32, 3, 7);
        boolean differs = false;
        for (int seed = 0; seed < 8; seed++) {
            Image a = overridden.apply(image, new SplittableRandom(seed));
            assertThat(a).isEqualTo(written.apply(image, new SplittableRandom(seed)));
            differs |= !a.equals(asRunFile.apply(image, new SplittableRandom(seed)));
        }
        assertThat(differs).as("blur and solarisation change the images").isTrue();
        assertThat(runFile.bind(WeakConfig.class).blurP()).as("the run file's section itself unchanged").isEqualTo(0.0);
    }

    private static TreeSection section(String yaml) {
        LocatedYaml.Document parsed = LocatedYaml.parse(yaml, "run.yaml");
        return new TreeSection("augment.weak", parsed.root(), parsed.source(), (p, v) -> { });
    }
}
