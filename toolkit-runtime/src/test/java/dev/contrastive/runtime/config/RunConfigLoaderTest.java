package dev.contrastive.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive.api.AugmentationPolicy;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.ContrastiveObjective;
import dev.contrastive.runtime.augment.WeakAugmentation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class RunConfigLoaderTest {

    /** A named objective that is never created: the loader only reads names and roles. */
    record Named(String name, Role role) implements ContrastiveObjective<Record> {
        @Override
        public String description() {
            return name;
        }

        @Override
        public Class<Record> configType() {
            return null;
        }
    }

    private final RunConfigLoader loader = new RunConfigLoader(
            Map.of("moco", new Named("moco", ContrastiveObjective.Role.BASE),
                    "simclr", new Named("simclr", ContrastiveObjective.Role.BASE),
                    "clsa", new Named("clsa", ContrastiveObjective.Role.ADD_ON)),
            Map.<String, AugmentationPolicy>of("weak", new WeakAugmentation()));

    private RunConfig load(String yaml, String... overrides) {
        return loader.load(yaml, "run.yaml", List.of(overrides));
    }

    @Test
    void bindsSectionsAndFillsDefaults() {
        RunConfig config = load("objective: moco+clsa\ntrain:\n  epochs: 3\nmodel:\n  width: 8\n");
        assertThat(config.train().epochs()).isEqualTo(3);
        assertThat(config.train().lr()).isEqualTo(0.06 * 128 / 256);
        assertThat(config.model().width()).isEqualTo(8);
        assertThat(config.chain()).extracting(link -> link.objective().name()).containsExactly("moco", "clsa");
        assertThat(config.resolved().at("/train/batch_size").asInt()).isEqualTo(128);
    }

    @Test
    void evalSectionDefaultsToBothProbesAndChecksItsValues() {
        RunConfig defaults = load("objective: moco\n");
        assertThat(defaults.eval().onlineLinear()).isTrue();
        assertThat(defaults.eval().linear()).isTrue();
        assertThat(defaults.resolved().at("/eval/online_lr").asDouble()).isEqualTo(0.1);
        RunConfig off = load("objective: moco\neval:\n  online_linear: false\n  linear: false\n");
        assertThat(off.eval().onlineLinear()).isFalse();
        assertThat(off.eval().linear()).isFalse();
        assertThatThrownBy(() -> load("objective: moco\neval:\n  online_lr: 0\n"))
                .hasMessageStartingWith("run.yaml:3:").hasMessageContaining("online_lr must be > 0, got 0");
        assertThatThrownBy(() -> load("objective: moco\neval:\n  knn: true\n"))
                .hasMessageStartingWith("run.yaml:3:3:").hasMessageContaining("unknown key 'eval.knn'")
                .hasMessageContaining("online_linear");
    }

    @Test
    void checkpointEveryDefaultsToLastOnlyAndRejectsNegatives() {
        assertThat(load("objective: moco\n").train().checkpointEvery()).isZero();
        assertThat(load("objective: moco\ntrain:\n  checkpoint_every: 2\n").train().checkpointEvery()).isEqualTo(2);
        assertThatThrownBy(() -> load("objective: moco\ntrain:\n  checkpoint_every: -1\n"))
                .hasMessageStartingWith("run.yaml:3:").hasMessageContaining("checkpoint_every must be in 0..100000, got -1");
    }

    @Test
    void strongTestIsAutoNoneOrAnInstalledPolicy() {
        assertThat(load("objective: moco\n").knn().strongTest()).isEqualTo("auto");
        assertThat(load("objective: moco\nknn:\n  strong_test: weak\n").knn().strongTest()).isEqualTo("weak");
        assertThatThrownBy(() -> load("objective: moco\nknn:\n  k: 5\n  strong_test: strongest\n"))
                .hasMessageStartingWith("run.yaml:4:").hasMessageContaining("'strongest'")
                .hasMessageContaining("allowed: auto, none, weak");
    }

    @Test
    void unknownKeyNamesLineColumnAndAllowedKeys() {
        assertThatThrownBy(() -> load("objective: moco\ntrain:\n  epochs: 3\n  epohcs: 4\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("run.yaml:4:3:")
                .hasMessageContaining("unknown key 'train.epohcs'")
                .hasMessageContaining("epochs");
    }

    @Test
    void unknownTopLevelKeyListsSections() {
        assertThatThrownBy(() -> load("objective: moco\n\nbogus: 1\n"))
                .hasMessageStartingWith("run.yaml:3:1:").hasMessageContaining("unknown key 'bogus'")
                .hasMessageContaining("moco").hasMessageContaining("train");
    }

    @Test
    void wrongTypeNamesTheLine() {
        assertThatThrownBy(() -> load("objective: moco\ntrain:\n  epochs: many\n"))
                .hasMessageStartingWith("run.yaml:3:").hasMessageContaining("train.epochs");
    }

    @Test
    void duplicateKeyNamesBothPlaces() {
        assertThatThrownBy(() -> load("objective: moco\ntrain:\n  epochs: 1\n  epochs: 2\n"))
                .hasMessageStartingWith("run.yaml:4:3:").hasMessageContaining("duplicate key 'epochs'")
                .hasMessageContaining("run.yaml:3:3");
    }

    @Test
    void badValueSaysWhatIsAllowed() {
        assertThatThrownBy(() -> load("objective: moco\nmodel:\n  stem: big\n"))
                .hasMessageStartingWith("run.yaml:3:3:").hasMessageContaining("allowed: cifar, imagenet");
    }

    @Test
    void aVitTakesItsDefaultsAndAResNetsSectionHasNoVitKey() {
        RunConfig vit = load("objective: moco\nmodel:\n  backbone: vit\n");
        assertThat(vit.model().width()).as("a ViT's default width").isEqualTo(64);
        assertThat(vit.model().vit()).isEqualTo(new dev.contrastive.inference.VitSpec(4, 4, 4, 4, "learned"));
        assertThat(vit.model().featureSize()).isEqualTo(64);
        assertThat(vit.resolved().at("/model/vit/patch_projection").asText()).isEqualTo("learned");
        RunConfig resnet = load("objective: moco\n");
        assertThat(resnet.model().featureSize()).isEqualTo(8 * 16);
        assertThat(resnet.resolved().at("/model").has("vit")).as("config.yaml of a ResNet run as before").isFalse();
    }

    @Test
    void adamwHasNoMomentumAndAnUnknownOptimizerIsRefused() {
        RunConfig adamw = load("objective: moco\ntrain:\n  optimizer: adamw\n");
        assertThat(adamw.train().momentum()).isNull();
        assertThat(adamw.resolved().at("/train").has("momentum")).as("config.yaml resumes as written").isFalse();
        assertThat(load("objective: moco\n").train().momentum()).isEqualTo(0.9);
        assertThatThrownBy(() -> load("objective: moco\ntrain:\n  optimizer: adamw\n  momentum: 0.9\n"))
                .hasMessageStartingWith("run.yaml:4:").hasMessageContaining("momentum is SGD's");
        assertThatThrownBy(() -> load("objective: moco\ntrain:\n  optimizer: lamb\n"))
                .hasMessageStartingWith("run.yaml:3:").hasMessageContaining("allowed: sgd, adamw");
    }

    @Test
    void vitSizesOutOfRangeNameTheirLine() {
        assertThatThrownBy(() -> load("objective: moco\nmodel:\n  backbone: vit\n  vit:\n    depth: 0\n"))
                .hasMessageStartingWith("run.yaml:5:").hasMessageContaining("depth must be in 1..24, got 0");
        assertThatThrownBy(() -> load("objective: moco\nmodel:\n  backbone: vit\n  width: 4096\n"))
                .hasMessageStartingWith("run.yaml:4:").hasMessageContaining("width must be in 1..1024");
        assertThatThrownBy(() -> load("objective: moco\nmodel:\n  backbone: vit\n  width: 64\n  vit:\n"
                + "    heads: 6\n")).hasMessageStartingWith("run.yaml:6:")
                .hasMessageContaining("6 heads do not divide width 64");
        assertThatThrownBy(() -> load("objective: moco\nmodel:\n  backbone: vit\n  vit:\n"
                + "    patch_projection: frozen\n")).hasMessageStartingWith("run.yaml:5:")
                .hasMessageContaining("allowed: learned, random");
        assertThatThrownBy(() -> load("objective: moco\nmodel:\n  width: 8\n  vit:\n    depth: 2\n"))
                .hasMessageStartingWith("run.yaml:4:").hasMessageContaining("the backbone is resnet18");
    }

    @Test
    void dataDownloadDefaultsToAutoAndIsAutoOrNever() {
        assertThat(load("objective: moco\n").data().download()).isEqualTo("auto");
        assertThat(load("objective: moco\n", "data.download=never").data().download()).isEqualTo("never");
        assertThatThrownBy(() -> load("objective: moco\ndata:\n  download: sometimes\n"))
                .hasMessageStartingWith("run.yaml:3:3:").hasMessageContaining("'sometimes' is not known")
                .hasMessageContaining("allowed: auto, never");
    }

    @Test
    void unknownObjectiveListsBasesAndAddOns() {
        assertThatThrownBy(() -> load("seed: 1\nobjective: mocco\n"))
                .hasMessageStartingWith("run.yaml:2:").hasMessageContaining("'mocco' is not known")
                .hasMessageContaining("moco").hasMessageContaining("clsa");
    }

    @Test
    void addOnWithoutBaseAndTwoBasesAreErrors() {
        assertThatThrownBy(() -> load("objective: clsa\n")).hasMessageContaining("needs a base");
        assertThatThrownBy(() -> load("objective: moco+simclr\n")).hasMessageContaining("two bases");
        assertThatThrownBy(() -> load("objective: moco+clsa+clsa\n")).hasMessageContaining("twice");
    }

    @Test
    void sectionOfAnObjectiveOutsideTheChainIsUnknown() {
        assertThatThrownBy(() -> load("objective: moco\nclsa:\n  beta: 1\n"))
                .hasMessageStartingWith("run.yaml:2:1:").hasMessageContaining("unknown key 'clsa'");
    }

    @Test
    void unknownPolicySectionIsAnError() {
        assertThatThrownBy(() -> load("objective: moco\naugment:\n  strong: {}\n"))
                .hasMessageStartingWith("run.yaml:3:3:").hasMessageContaining("allowed: weak");
    }

    @Test
    void overridesReplaceValuesAndAreNamedInErrors() {
        assertThat(load("objective: moco\ntrain:\n  epochs: 3\n", "train.epochs=7").train().epochs()).isEqualTo(7);
        assertThatThrownBy(() -> load("objective: moco\n", "train.epochs=-1"))
                .hasMessageStartingWith("--set train.epochs=-1");
    }

    @Test
    void malformedYamlNamesTheLine() {
        assertThatThrownBy(() -> load("objective: moco\ntrain: [1,\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("malformed YAML");
    }

    @Test
    void pluginSectionBindsWithItsOwnLocations() {
        record Section(Integer queue) {
            Section {
                if (queue != null && queue < 1) {
                    throw new IllegalArgumentException("queue must be positive");
                }
            }
        }
        RunConfig config = load("objective: moco\nmoco:\n  queue: 0\n");
        assertThatThrownBy(() -> config.chain().get(0).section().bind(Section.class))
                .hasMessageStartingWith("run.yaml:3:3:").hasMessageContaining("queue must be positive");
    }
}
