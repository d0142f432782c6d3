package dev.contrastive.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The resolved configuration is a value: a snapshot, compared key by key with what a run folder holds. */
class ResolvedConfigTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    Path dir;

    private static ObjectNode tree(String yaml) throws IOException {
        return (ObjectNode) YAML.readTree(yaml);
    }

    @Test
    void laterChangesToTheTreeDoNotReachTheValue() throws IOException {
        ObjectNode tree = tree("train: {lr: 0.03}\n");
        ResolvedConfig value = ResolvedConfig.of(tree);
        ((ObjectNode) tree.get("train")).put("lr", 0.5);
        tree.putObject("augment").put("strong", "late");
        assertThat(value.leaves()).containsOnlyKeys("train.lr");
        assertThat(value.leaves().get("train.lr").asDouble()).isEqualTo(0.03);
        value.tree().put("name", "changed through a copy");
        assertThat(value.leaves()).doesNotContainKey("name");
    }

    @Test
    void changesAreKeysOfTheEarlierWhoseValuesDifferNumbersByValue() throws IOException {
        Files.writeString(dir.resolve("config.yaml"), "# provenance\nname: a\ntrain:\n  weight_decay: 5.0E-4\n"
                + "  epochs: 2\naugment:\n  weak:\n    scale: [0.2, 1.0]\nold_key: 1\n");
        ResolvedConfig stored = ResolvedConfig.read(dir.resolve("config.yaml"));
        ResolvedConfig now = ResolvedConfig.of(tree("name: a\ntrain: {weight_decay: 0.0005, epochs: 3}\n"
                + "augment: {weak: {scale: [0.2, 0.9]}}\nnew_key: 2\n"));
        assertThat(now.changedSince(stored)).containsExactly("train.epochs", "augment.weak.scale");
        assertThat(now.changedSince(now)).isEmpty();
        assertThat(now).isNotEqualTo(stored).isEqualTo(ResolvedConfig.of(now.tree()));
    }
}
