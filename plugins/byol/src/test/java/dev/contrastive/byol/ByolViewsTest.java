package dev.contrastive.byol;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.contrastive.api.BaseRun;
import dev.contrastive.api.ViewRequest;
import dev.contrastive.api.host.RunModules;
import dev.contrastive.api.testing.SmallEncoders;
import dev.contrastive.api.testing.YamlSection;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/** BYOL's published asymmetric augmentation as each view's own settings of the weak policy. */
class ByolViewsTest {

    @Test
    void asymmetricViewsCarryBylsBlurAndSolarisationAndSymmetricOnesNone() {
        List<ViewRequest> asymmetric = views("asymmetric");
        assertThat(asymmetric.get(0).settings("weak")).isEqualTo(Map.of("blur_p", 1.0, "solarize_p", 0.0));
        assertThat(asymmetric.get(1).settings("weak")).isEqualTo(Map.of("blur_p", 0.1, "solarize_p", 0.2));
        assertThat(views("symmetric")).allSatisfy(view -> assertThat(view.settings("weak")).isEmpty());
    }

    private static List<ViewRequest> views(String augmentation) {
        try (NDManager manager = NDManager.newBaseManager()) {
            RunModules context = RunModules.builder().config(YamlSection.of("byol", "")).manager(manager)
                    .encoders(new SmallEncoders(manager, 1, 8)).images(8, 1).build();
            try (BaseRun byol = new ByolObjective().create(context, new ByolConfig(null, null, augmentation, null, null))) {
                return byol.views();
            }
        }
    }
}
