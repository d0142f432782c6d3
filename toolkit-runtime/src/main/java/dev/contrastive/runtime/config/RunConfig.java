package dev.contrastive.runtime.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contrastive.api.host.ObjectiveChain;
import dev.contrastive.api.SourceLocation;

import java.util.List;
import java.util.Map;

/**
 * A run file, validated: the runtime's own sections bound to records, the objective chain
 * resolved against the plugin catalog, and the plugin-owned sections ready to hand over.
 *
 * @param file the run file as the user named it
 * @param settings name, seed, objective
 * @param data the {@code data:} section
 * @param model the {@code model:} section
 * @param train the {@code train:} section
 * @param knn the {@code knn:} section
 * @param eval the {@code eval:} section
 * @param log the {@code log:} section
 * @param chain the objectives of {@code objective:}, base first, each with its settings bound once
 * @param policySections each {@code augment.<policy>} section by policy name
 * @param resolved the configuration as bound so far, with defaults filled in; plugin sections
 *     join it as their plugins bind them
 * @param source where each value was written
 */
public record RunConfig(String file, RunSettings settings, DataConfig data, ModelConfig model,
        TrainConfig train, KnnConfig knn, EvalConfig eval, LogConfig log, List<ObjectiveChain.Link> chain,
        Map<String, TreeSection> policySections,
        ObjectNode resolved, ConfigSource source) {

    /** Where a dotted key ({@code train.batch_size}) was written, or its nearest written ancestor. */
    public SourceLocation locate(String key) {
        return source.locate("/" + key.replace('.', '/'));
    }

    /** The section of a policy, an empty one when the run file has none. */
    public TreeSection policySection(String policy) {
        return policySections.get(policy);
    }
}
