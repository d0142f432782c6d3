package dev.contrastive.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.contrastive.api.AugmentationPolicy;
import dev.contrastive.runtime.augment.WeakAugmentation;
import org.junit.jupiter.api.Test;

import java.util.Map;

/** The reference of run-file keys: complete for the runtime, and YAML that reads back as itself. */
class RunFileDefaultsTest {

    private static final Map<String, AugmentationPolicy> WEAK = Map.of("weak", new WeakAugmentation());

    @Test
    void listsTheRuntimesSectionsWithTheDefaultsARunResolves() {
        ObjectNode tree = RunFileDefaults.of(Map.of(), WEAK);
        assertThat(tree.get("objective").asText()).isEqualTo(RunFileDefaults.REQUIRED);
        assertThat(tree.get("seed").asLong()).isZero();
        assertThat(tree.at("/train/threads").asText()).isEqualTo(RunFileDefaults.CORES);
        assertThat(tree.at("/train/lr").asDouble()).isEqualTo(new TrainConfig(null, null, null, null, null, null,
                null, null, null, null, null).lr());
        assertThat(tree.at("/data/eval/train").isNull()).isTrue();
        assertThat(tree.at("/augment/weak/scale").toString()).isEqualTo("[0.2,1.0]");
        assertThat(tree.at("/knn/strong_test").asText()).isEqualTo(KnnConfig.AUTO);
    }

    /** Numbers by value (YAML reads the seed back as an int, the record wrote a long). */
    private static int compare(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    }

    @Test
    void itsYamlReadsBackAsTheSameTree() throws Exception {
        ObjectNode tree = RunFileDefaults.of(Map.of(), WEAK);
        ObjectNode odd = tree.putObject("odd");
        odd.put("tiny", 5e-4).put("huge", 1e10).put("word", "yes").put("range", ">=0.2.0 & <0.3.0")
                .put("number", "12").putNull("nothing");
        odd.putArray("views").addObject().put("size", 3.0 / 7).putArray("scale").add(0.086).add(0.429);
        String yaml = RunFileDefaults.yaml(tree, Map.of("odd", "a comment", "odd.word", "another"));
        JsonNode read = new YAMLMapper().readTree(yaml);
        assertThat(read.equals(RunFileDefaultsTest::compare, tree)).as(yaml).isTrue();
        assertThat(yaml).contains("odd:  # a comment\n").contains("tiny: 5.0E-4\n").contains("huge: 1.0E+10\n")
                .contains("word: \"yes\"  # another\n").contains("views: [{size: 0.42857142857142855, scale: [0.086, 0.429]}]");
    }
}
