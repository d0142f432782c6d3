package dev.contrastive.runtime.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive.api.ConfigException;
import dev.contrastive.api.testing.YamlSection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Defaults, snake_case binding and validation of the {@code augment.weak} section's colour keys. */
class WeakConfigTest {

    private static WeakConfig bind(String yaml) {
        return YamlSection.of("augment.weak", yaml).bind(WeakConfig.class);
    }

    @Test
    void colourOperationsAreOffByDefault() {
        WeakConfig weak = bind("");
        assertThat(weak.saturation()).isZero();
        assertThat(weak.hue()).isZero();
        assertThat(weak.blurP()).isZero();
        assertThat(weak.blurSigma()).containsExactly(0.1, 2.0);
        assertThat(weak.solarizeP()).isZero();
    }

    @Test
    void bindsTheSimclrAndByolSettingsFromSnakeCaseKeys() {
        WeakConfig weak = bind("saturation: 0.4\nhue: 0.1\nblur_p: 0.5\nblur_sigma: [0.5, 1.5]\nsolarize_p: 0.2\n");
        assertThat(weak.saturation()).isEqualTo(0.4);
        assertThat(weak.hue()).isEqualTo(0.1);
        assertThat(weak.blurP()).isEqualTo(0.5);
        assertThat(weak.blurSigma()).containsExactly(0.5, 1.5);
        assertThat(weak.solarizeP()).isEqualTo(0.2);
    }

    /** Each bad value on the second line: the error points there and names the key and the range. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "saturation: 1.0     | saturation must be in [0, 1), got 1.0",
        "saturation: -0.1    | saturation must be in [0, 1), got -0.1",
        "hue: 0.6            | hue must be in [0, 0.5], got 0.6",
        "hue: -0.1           | hue must be in [0, 0.5], got -0.1",
        "blur_p: 1.5         | blur_p must be in [0, 1], got 1.5",
        "solarize_p: -0.2    | solarize_p must be in [0, 1], got -0.2",
        "blur_sigma: [2, 1]  | blur_sigma must be [min, max] with 0 < min <= max, got [2.0, 1.0]",
        "blur_sigma: [0, 1]  | blur_sigma must be [min, max] with 0 < min <= max, got [0.0, 1.0]",
        "blur_sigma: [1]     | blur_sigma must be [min, max] with 0 < min <= max, got [1.0]",
    })
    void rejectsBadValuesNamingTheKey(String line, String message) {
        assertThatThrownBy(() -> bind("flip_p: 0.5\n" + line.strip() + "\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(YamlSection.FILE + ":2:")
                .hasMessageContaining("augment.weak: " + message);
    }

    @Test
    void explicitDefaultsEqualAnAbsentSection() {
        assertThat(bind("saturation: 0\nhue: 0\nblur_p: 0\nblur_sigma: [0.1, 2.0]\nsolarize_p: 0\n"))
                .isEqualTo(bind(""));
    }
}
