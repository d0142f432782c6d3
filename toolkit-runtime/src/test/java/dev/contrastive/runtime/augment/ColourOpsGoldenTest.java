package dev.contrastive.runtime.augment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrastive.api.Image;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@code golden/colour/manifest.json} (torchvision 0.14 and Pillow 9.4 outputs,
 * written by {@code benchmarks/reference/colour_ops.py}) through the weak policy's operations:
 * saturation, hue and solarisation byte for byte, blur within one level.
 */
class ColourOpsGoldenTest {

    record GoldenCase(String op, JsonNode parameters, String input, String expected, String mode) {
        @Override
        public String toString() {
            return expected + " (" + op + ", " + mode + ")";
        }
    }

    static Path dir() throws URISyntaxException {
        return Path.of(ColourOpsGoldenTest.class.getResource("/golden/colour/manifest.json").toURI()).getParent();
    }

    static List<GoldenCase> cases() throws IOException, URISyntaxException {
        JsonNode manifest = new ObjectMapper().readTree(dir().resolve("manifest.json").toFile());
        List<GoldenCase> cases = new ArrayList<>();
        for (JsonNode c : manifest.get("cases")) {
            cases.add(new GoldenCase(c.get("op").asText(), c, c.get("input").asText(),
                    c.get("expected").asText(), c.get("mode").asText()));
        }
        assertThat(cases).extracting(GoldenCase::op).contains("saturation", "hue", "blur", "solarize");
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTorchvisionAndPillow(GoldenCase c) throws URISyntaxException {
        Image input = PngImages.read(dir().resolve(c.input()));
        Image expected = PngImages.read(dir().resolve(c.expected()));
        assertThat(input.channels()).isEqualTo(c.mode().equals("L") ? 1 : 3);
        JsonNode p = c.parameters();

        Image actual = switch (c.op()) {
            case "saturation" -> PixelOps.saturation(input, p.get("factor").asDouble());
            case "hue" -> {
                assertThat(HueShift.shiftOf(p.get("factor").asDouble())).as("%s: uint8 shift", c)
                        .isEqualTo(p.get("shift").asInt());
                yield HueShift.apply(input, p.get("factor").asDouble());
            }
            case "blur" -> GaussianBlur.blur(input, p.get("kernel").asInt(), p.get("sigma").asDouble());
            case "solarize" -> {
                assertThat(p.get("threshold").asInt()).isEqualTo(WeakAugmentation.SOLARIZE_THRESHOLD);
                yield PixelOps.solarize(input, WeakAugmentation.SOLARIZE_THRESHOLD);
            }
            default -> throw new AssertionError("unknown op " + c.op());
        };

        assertThat(actual.height()).isEqualTo(expected.height());
        assertThat(actual.width()).isEqualTo(expected.width());
        assertThat(actual.channels()).isEqualTo(expected.channels());
        if (c.op().equals("blur")) {
            // torchvision convolves with the 2-D kernel in float32, the toolkit separably: sums
            // differ in their last bits, which moves a value across a rounding boundary rarely
            assertThat(maxLevelDifference(actual, expected)).as("%s: largest level difference", c)
                    .isLessThanOrEqualTo(1);
            assertThat(differing(actual, expected)).as("%s: values off by one", c)
                    .isLessThanOrEqualTo(expected.pixels().length / 100);
        } else {
            assertThat(actual.pixels()).as("%s: pixels", c).isEqualTo(expected.pixels());
        }
    }

    private static int maxLevelDifference(Image a, Image b) {
        int max = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            max = Math.max(max, Math.abs((a.pixels()[i] & 0xFF) - (b.pixels()[i] & 0xFF)));
        }
        return max;
    }

    private static int differing(Image a, Image b) {
        int count = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            count += a.pixels()[i] == b.pixels()[i] ? 0 : 1;
        }
        return count;
    }
}
