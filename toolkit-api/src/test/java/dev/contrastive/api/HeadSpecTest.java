package dev.contrastive.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive.api.HeadSpec.Layer;
import dev.contrastive.api.testing.YamlSection;
import org.junit.jupiter.api.Test;

import java.util.List;

/** A head spec refuses what cannot be built, naming the layer and, from a run file, its line. */
class HeadSpecTest {

    /** A settings record as a plugin's: a list of layers under {@code projector}. */
    record Section(List<HeadLayerConfig> projector) {
        Section {
            HeadSpec.fromConfig("projector", projector);
        }
    }

    private static HeadSpec bound(String yaml) {
        return HeadSpec.fromConfig("projector", YamlSection.of("base", yaml).bind(Section.class).projector());
    }

    @Test
    void aRunFileListBindsToItsLayers() {
        HeadSpec spec = bound("projector:\n  - {units: 8, norm: layer, activation: gelu, bias: false}\n"
                + "  - {units: 4, kind: bottleneck}\n  - {units: 16, kind: weight_norm}\n");
        assertThat(spec.layers()).extracting(Layer::units).containsExactly(8, 4, 16);
        assertThat(spec.layers()).extracting(Layer::kind).containsExactly(HeadSpec.Kind.LINEAR,
                HeadSpec.Kind.BOTTLENECK, HeadSpec.Kind.WEIGHT_NORM);
        assertThat(spec.layers().get(0).norm()).isEqualTo(HeadSpec.Norm.LAYER);
        assertThat(spec.layers().get(0).activation()).isEqualTo(HeadSpec.Activation.GELU);
        assertThat(spec.layers()).extracting(Layer::bias).containsExactly(false, true, false);
        assertThat(spec.outputSize()).isEqualTo(16);
        assertThat(HeadSpec.fromConfig("projector", null)).isNull();
    }

    @Test
    void badLayersAreRefusedWithWhatIsAllowed() {
        assertThatThrownBy(() -> bound("projector: [{units: 0}]")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("units must be in 1..16384, got 0");
        assertThatThrownBy(() -> bound("projector: [{units: 4, norm: group}]"))
                .hasMessageContaining("norm must be one of none, batch, layer, got group");
        assertThatThrownBy(() -> bound("projector: [{units: 4, activation: tanh}]"))
                .hasMessageContaining("activation must be one of none, relu, gelu, got tanh");
        assertThatThrownBy(() -> bound("projector:\n  - {units: 4}\n  - {units: 8, kind: bottleneck}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining(YamlSection.FILE + ":1:")
                .hasMessageContaining("projector.1.units: a bottleneck of 8 units is larger than its input, 4 wide");
        assertThatThrownBy(() -> bound("projector: [{units: 4, kind: weight_norm}, {units: 2}]"))
                .hasMessageContaining("projector.0.kind: a weight_norm layer must be the head's last");
        assertThatThrownBy(() -> bound("projector: [{units: 4, kind: weight_norm, bias: true}]"))
                .hasMessageContaining("bias: a weight_norm layer has none");
        assertThatThrownBy(() -> bound("projector: []")).hasMessageContaining("projector: a head needs at least one layer");
        assertThatThrownBy(() -> bound("projector: [{norm: batch}]")).hasMessageContaining("units: every layer needs");
    }

    @Test
    void aFirstBottleneckIsCheckedAgainstTheHeadsInput() {
        YamlSection section = YamlSection.of("base", "projector: [{units: 8, kind: bottleneck}]");
        HeadSpec spec = HeadSpec.fromConfig("projector", section.bind(Section.class).projector());
        spec.checkInput(8, section);
        assertThatThrownBy(() -> spec.checkInput(7, section)).isInstanceOf(ConfigException.class)
                .hasMessage(YamlSection.FILE + ":1:1: base.projector.0.units: a bottleneck of 8 units is larger "
                        + "than its input, 7 wide");
        assertThatThrownBy(() -> HeadSpec.of(Layer.bottleneck(8)).checkInput(7, section))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("layer 0 units: a bottleneck");
        assertThatThrownBy(() -> Layer.linear(0)).hasMessageContaining("units must be in 1..16384");
        assertThatThrownBy(() -> Layer.bottleneck(4).withNorm(HeadSpec.Norm.BATCH))
                .hasMessageContaining("norm and activation follow a linear layer only");
    }

    @Test
    void theStandardHeadIsTodaysMlp() {
        HeadSpec standard = HeadSpec.standard(16, 8, true);
        assertThat(standard.layers()).extracting(Layer::units).containsExactly(16, 8);
        assertThat(standard.layers().get(0).norm()).isEqualTo(HeadSpec.Norm.BATCH);
        assertThat(standard.layers().get(0).activation()).isEqualTo(HeadSpec.Activation.RELU);
        assertThat(standard.layers().get(1).activation()).isEqualTo(HeadSpec.Activation.NONE);
    }
}
