package dev.contrastive.clsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.SourceLocation;
import dev.contrastive.api.ViewRequest;
import dev.contrastive.api.host.RunModules;
import dev.contrastive.api.testing.Chains;
import dev.contrastive.api.testing.FakeBase;
import dev.contrastive.api.testing.NoEncoders;
import dev.contrastive.api.testing.SmallEncoders;
import dev.contrastive.moco.MocoObjective;
import dev.contrastive.api.testing.YamlSection;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/** The clsa: section: the official recipes' crops scaled to the weak view, and what it refuses. */
class ClsaConfigTest {

    @Test
    void thePaperRecipeIsTheDefaultAndGivesTwelvePixelsOfTwentyEight() {
        List<ViewRequest> views = viewsOver(28, "");
        assertThat(views).extracting(ViewRequest::name).containsExactly("query", "key", "strong0");
        ViewRequest strong = views.get(2);
        assertThat(strong.size()).isEqualTo(12);
        assertThat(strong.minScale()).isEqualTo(0.086);
        assertThat(strong.maxScale()).isEqualTo(0.429);
        assertThat(strong.policies()).containsExactly("weak", "then", "strong");
    }

    @Test
    void theMulticropRecipeHasFourMoreWeakQueriesAndFiveStrongViewsAtTheOfficialSizes() {
        List<ViewRequest> views = viewsOver(28, "recipe: paper-multicrop");
        assertThat(views).extracting(ViewRequest::name).containsExactly("query", "key",
                "weak1", "weak2", "weak3", "weak4", "strong0", "strong1", "strong2", "strong3", "strong4");
        // 224/192/160/128/96 of a 224 px weak view, on 28 px
        assertThat(views.subList(2, 6)).extracting(ViewRequest::size).containsExactly(24, 20, 16, 12);
        assertThat(views.subList(6, 11)).extracting(ViewRequest::size).containsExactly(28, 24, 20, 16, 12);
        assertThat(views.subList(2, 6)).extracting(ViewRequest::minScale).containsExactly(0.172, 0.143, 0.114, 0.086);
        assertThat(views.subList(6, 11)).extracting(ViewRequest::maxScale).containsExactly(1.0, 0.86, 0.715, 0.571, 0.429);
        assertThat(views.get(2).policies()).containsExactly("weak", "then");
        assertThat(views.get(6).policies()).containsExactly("weak", "then", "strong");
    }

    @Test
    void writtenViewsWinOverTheRecipesAndScaleWithTheImage() {
        List<ViewRequest> views = viewsOver(96, "recipe: paper-multicrop\nviews: [{size: 0.5}]");
        assertThat(views).hasSize(2 + 4 + 1);
        assertThat(views.get(6).size()).isEqualTo(48);
        assertThat(views.get(6).minScale()).isEqualTo(0.3); // the weak view's range when scale is not given
    }

    @Test
    void badGeometryIsRefusedAtItsLine() {
        assertThatThrownBy(() -> viewsOver(28, "views:\n  - size: 28")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("fraction of the weak view's side");
        assertThatThrownBy(() -> viewsOver(28, "views: [{size: 0}]")).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> viewsOver(28, "views: [{scale: [0.5, 0.2]}]")).hasMessageContaining("min <= max");
        assertThatThrownBy(() -> viewsOver(28, "views: [{scale: [0, 0.2]}]")).hasMessageContaining("0 < min");
        assertThatThrownBy(() -> viewsOver(28, "extra_queries:\n  - {size: 0.1}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("extra_queries.0.size").hasMessageContaining("rounds to 3 px");
        assertThatThrownBy(() -> viewsOver(28, "recipe: simclr")).hasMessageContaining("paper, paper-multicrop");
        assertThatThrownBy(() -> viewsOver(28, "loss: kl")).hasMessageContaining("ddm or positive");
    }

    @Test
    void extraQueriesOrStrongPositivesOverABaseWithoutContrastiveLossAreRefusedAtTheObjectiveLine() {
        for (String yaml : List.of("recipe: paper-multicrop", "loss: positive")) {
            try (NDManager manager = NDManager.newBaseManager()) {
                FakeBase base = new FakeBase(manager.zeros(new Shape(1)), null, true);
                assertThatThrownBy(() -> Chains.over(facts(manager), base, new ClsaObjective(), YamlSection.of("clsa", yaml)))
                        .isInstanceOf(ConfigException.class).hasMessageContaining("run.yaml:3:12")
                        .hasMessageContaining("contrastive loss for further queries");
            }
        }
    }

    /** The views of moco+clsa over {@code weakSize} px images, weak scale 0.3–0.9. */
    private static List<ViewRequest> viewsOver(int weakSize, String yaml) {
        try (NDManager manager = NDManager.newBaseManager()) {
            RunModules.Builder facts = RunModules.builder().encoders(new SmallEncoders(manager, 1, weakSize))
                    .manager(manager).batchSize(4).images(weakSize, 1).weakScale(0.3, 0.9)
                    .weakPolicies(List.of("weak", "then"));
            return Chains.of(facts, Map.of("moco", "queue: 8", "clsa", yaml),
                    List.of(new MocoObjective(), new ClsaObjective())).views();
        }
    }

    private static RunModules.Builder facts(NDManager manager) {
        return RunModules.builder().encoders(new NoEncoders()).manager(manager).batchSize(4).images(6, 1)
                .locator(key -> new SourceLocation("run.yaml", 3, 12));
    }
}
