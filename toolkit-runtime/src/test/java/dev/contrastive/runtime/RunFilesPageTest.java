package dev.contrastive.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * docs/run-files.md against the code: the YAML blocks of its section "Every key and its default"
 * name every key that {@code toolkit plugins --defaults} gives (the runtime's sections and the
 * bundled plugins'), no other, and each with the code's default. Hand-written comments are free.
 */
class RunFilesPageTest {

    static final Path PAGE = Distribution.home().toAbsolutePath().getParent().resolve("docs/run-files.md");

    /** The heading of the section whose YAML blocks are checked. */
    static final String SECTION = "## Every key and its default";

    @Test
    void thePageListsEveryKeyOfTheCodeWithItsDefaultAndNoOther() throws IOException {
        Distribution.Result result = Distribution.cli("plugins", "--defaults");
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode code = new YAMLMapper().readTree(result.out());
        assertThat(leaves(code)).containsKeys("name", "data.dataset", "train.threads", "augment.weak.scale",
                "augment.strong.repeats", "moco.queue", "clsa.views");
        List<String> problems = problems(Files.readString(PAGE), code);
        assertThat(problems).as("docs/run-files.md, section '%s', against toolkit plugins --defaults:\n%s",
                SECTION, String.join("\n", problems)).isEmpty();
    }

    /** The check itself: a wrong default, a key the code lacks and a key the page lacks are each named. */
    @Test
    void aWrongDefaultAnUnknownKeyAndAMissingKeyAreEachNamed() throws IOException {
        JsonNode code = new YAMLMapper().readTree("seed: 0\ntrain:\n  epochs: 5\n  lr: 0.03\n  weight_decay: 5.0E-4\n");
        String page = "# Run files\n\n" + SECTION + "\n\nText.\n\n```yaml\nseed: 0   # a comment\ntrain:\n"
                + "  epochs: 6\n  weight_decay: 0.0005\n```\n\n```yaml\ntrain:\n  unknown: 1\n```\n\n"
                + "## Next\n\n```yaml\nignored: 1\n```\n";
        assertThat(problems(page, code)).containsExactly(
                "train.epochs: the page says 6, the code's default is 5",
                "train.unknown: on the page, but no such key in the code",
                "train.lr: missing from the page (the code's default: 0.03)");
    }

    /** What disagrees between the page's section and the code's keys and defaults, one line each. */
    static List<String> problems(String markdown, JsonNode codeTree) throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> code = leaves(codeTree);
        Map<String, JsonNode> page = leaves(pageTree(markdown, problems));
        page.forEach((key, value) -> {
            if (!code.containsKey(key)) {
                problems.add(key + ": on the page, but no such key in the code");
            } else if (!same(value, code.get(key))) {
                problems.add(key + ": the page says " + value + ", the code's default is " + code.get(key));
            }
        });
        code.forEach((key, value) -> {
            if (!page.containsKey(key)) {
                problems.add(key + ": missing from the page (the code's default: " + value + ")");
            }
        });
        return problems;
    }

    /** The section's YAML blocks merged into one tree; a key written twice is a problem. */
    private static JsonNode pageTree(String markdown, List<String> problems) throws IOException {
        List<String> lines = markdown.lines().toList();
        int start = lines.indexOf(SECTION);
        assertThat(start).as("the page has a section '%s'", SECTION).isNotNegative();
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        StringBuilder block = null;
        int blocks = 0;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (block == null && line.startsWith("## ")) {
                break;
            }
            if (block == null && line.strip().equals("```yaml")) {
                block = new StringBuilder();
            } else if (block != null && line.strip().equals("```")) {
                merge(tree, new YAMLMapper().readTree(block.toString()), "", problems);
                blocks++;
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        assertThat(blocks).as("YAML blocks in the section").isPositive();
        return tree;
    }

    private static void merge(ObjectNode into, JsonNode from, String prefix, List<String> problems) {
        if (from == null || !from.isObject()) {
            problems.add(prefix + ": a YAML block of the section is not a mapping of keys");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode there = into.get(field.getKey());
            if (there != null && there.isObject() && field.getValue().isObject()) {
                merge((ObjectNode) there, field.getValue(), prefix + field.getKey() + ".", problems);
            } else if (there != null) {
                problems.add(prefix + field.getKey() + ": written twice on the page");
            } else {
                into.set(field.getKey(), field.getValue());
            }
        }
    }

    /** Dotted key to value; sections are walked into, anything else (lists included) is a value. */
    static Map<String, JsonNode> leaves(JsonNode tree) {
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        walk(tree, "", leaves);
        return leaves;
    }

    private static void walk(JsonNode node, String prefix, Map<String, JsonNode> leaves) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = prefix + field.getKey();
            if (field.getValue().isObject() && !field.getValue().isEmpty()) {
                walk(field.getValue(), key + ".", leaves);
            } else {
                leaves.put(key, field.getValue());
            }
        }
    }

    /** Equal values, numbers by value (0 and 0.0, 5.0e-4 and 0.0005 are one default). */
    static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText())) == 0;
        }
        if (a.isArray() && b.isArray() || a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            if (a.isArray()) {
                for (int i = 0; i < a.size(); i++) {
                    if (!same(a.get(i), b.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            for (Iterator<String> names = a.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!b.has(name) || !same(a.get(name), b.get(name))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
