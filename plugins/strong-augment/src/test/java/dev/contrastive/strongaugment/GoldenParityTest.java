package dev.contrastive.strongaugment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrastive.api.Image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@code golden/augment/manifest.json} (outputs of Pillow 9.4), through the
 * policy's {@code applyOperation}: tone curves exactly, enhancements within one grey level,
 * geometry with at least 99% of pixels exact and the rest off by at most one pixel position.
 */
class GoldenParityTest {

    private static final Set<String> EXACT =
            Set.of("AutoContrast", "Invert", "Equalize", "Solarize", "Posterize", "Identity");
    private static final Set<String> WITHIN_ONE_LEVEL =
            Set.of("Brightness", "Color", "Contrast", "Sharpness");

    private final StrongAugmentationPolicy policy = new StrongAugmentationPolicy();

    record GoldenCase(String op, Double value, String input, String expected, String mode) {
        @Override
        public String toString() {
            return expected + " (" + op + " " + value + ", " + mode + ")";
        }
    }

    static List<GoldenCase> cases() throws IOException {
        Path dir = GoldenImages.augmentDir();
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        List<GoldenCase> cases = new ArrayList<>();
        for (JsonNode c : manifest.get("cases")) {
            JsonNode value = c.get("value");
            cases.add(new GoldenCase(c.get("op").asText(),
                    value == null || value.isNull() ? null : value.asDouble(),
                    c.get("input").asText(), c.get("expected").asText(), c.get("mode").asText()));
        }
        assertThat(cases).as("golden cases").hasSizeGreaterThanOrEqualTo(15 * 6);
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPillow(GoldenCase c) {
        Path dir = GoldenImages.augmentDir();
        Image input = GoldenImages.read(dir.resolve(c.input()));
        Image expected = GoldenImages.read(dir.resolve(c.expected()));
        assertThat(input.channels()).isEqualTo(c.mode().equals("L") ? 1 : 3);

        Image actual = policy.applyOperation(c.op(),
                c.value() == null ? Double.NaN : c.value(), input);

        assertThat(actual.height()).isEqualTo(expected.height());
        assertThat(actual.width()).isEqualTo(expected.width());
        assertThat(actual.channels()).isEqualTo(expected.channels());
        if (EXACT.contains(c.op())) {
            assertThat(actual.pixels()).as("%s: pixels", c).isEqualTo(expected.pixels());
        } else if (WITHIN_ONE_LEVEL.contains(c.op())) {
            assertThat(maxLevelDifference(actual, expected))
                    .as("%s: largest grey-level difference", c).isLessThanOrEqualTo(1);
        } else {
            assertGeometryClose(c, actual, expected);
        }
    }

    private static int maxLevelDifference(Image a, Image b) {
        int max = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            max = Math.max(max, Math.abs((a.pixels()[i] & 0xFF) - (b.pixels()[i] & 0xFF)));
        }
        return max;
    }

    /** At least 99% of pixels exact; every other one equals an expected neighbour's value. */
    private static void assertGeometryClose(GoldenCase c, Image actual, Image expected) {
        int h = expected.height();
        int w = expected.width();
        int mismatches = 0;
        List<String> far = new ArrayList<>();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (samePixel(actual, y, x, expected, y, x)) {
                    continue;
                }
                mismatches++;
                boolean neighbour = false;
                for (int dy = -1; dy <= 1 && !neighbour; dy++) {
                    for (int dx = -1; dx <= 1 && !neighbour; dx++) {
                        int ny = y + dy;
                        int nx = x + dx;
                        neighbour = ny >= 0 && ny < h && nx >= 0 && nx < w
                                && samePixel(actual, y, x, expected, ny, nx);
                    }
                }
                if (!neighbour) {
                    far.add("(" + x + "," + y + ")");
                }
            }
        }
        assertThat(far).as("%s: pixels matching no expected neighbour", c).isEmpty();
        assertThat(mismatches).as("%s: mismatching pixels of %d", c, h * w)
                .isLessThanOrEqualTo(h * w / 100);
    }

    private static boolean samePixel(Image a, int ay, int ax, Image b, int by, int bx) {
        for (int c = 0; c < a.channels(); c++) {
            if (a.get(ay, ax, c) != b.get(by, bx, c)) {
                return false;
            }
        }
        return true;
    }
}
