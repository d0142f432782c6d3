package dev.contrastive.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Issue 24, class 4: a name written one a line stays on its line, whatever it holds. */
class NameLinesTest {

    @Test
    void everyNameIsOneLineAndPlainNamesAreUnchanged() {
        List<String> names = List.of("plain/00042.png", "Größe-日本.jpg", "a\nb.png", "c\r\nd.png", "tab\there",
                "back\\slash", "bell\u0007", "sep\u2028arator", "next\u0085line");
        String text = new String(NameLines.of(names), StandardCharsets.UTF_8);

        assertThat(text.split("\n", -1)).as("one line a name, each ended").hasSize(names.size() + 1);
        assertThat(text.lines().toList()).hasSize(names.size()).containsExactly("plain/00042.png", "Größe-日本.jpg",
                "a\\nb.png", "c\\r\\nd.png", "tab\\there", "back\\\\slash", "bell\\u0007", "sep\\u2028arator",
                "next\\u0085line");
    }

    @Test
    void escapingCannotBeConfusedWithANameThatLooksEscaped() {
        assertThat(NameLines.escape("a\\nb")).isNotEqualTo(NameLines.escape("a\nb"));
    }
}
