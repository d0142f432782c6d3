package dev.contrastive.runtime.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.config.RunConfig;
import dev.contrastive.runtime.run.Checkpoint;
import dev.contrastive.runtime.run.RunDirectory;
import dev.contrastive.runtime.run.RunProgress;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a resume may change. A resume continues the training its checkpoint holds, so a setting
 * that changes the model, the objective chain, the data, the augmentations or the optimisation of
 * the steps already taken is refused, naming each; {@code train.epochs} may not fall below the
 * epochs trained; what only concerns monitoring, evaluation, logging, threads, checkpoint
 * frequency and where the data is found may change.
 */
final class ResumeCheck {

    /** Keys (and sections) a resume may set to other values than the run had. */
    static final List<String> MAY_CHANGE = List.of("name", "train.epochs", "train.threads", "train.log_every",
            "train.checkpoint_every", "train.checkpoint_every_steps", "data.root", "data.download", "data.workers",
            "data.prefetch", "data.cache_mb", "data.eval.", "knn.", "eval.", "log.");

    private ResumeCheck() {
    }

    /**
     * Checks a resume against the run's {@code config.yaml} and the checkpoint it resumes from.
     *
     * @return the keys whose values differ from the run's (all of them ones a resume may change)
     * @throws UserError (exit code 5) naming what a resume cannot do
     */
    static List<String> verify(RunDirectory run, RunConfig config, RunProgress progress) {
        Map<String, JsonNode> before = leaves(stored(run));
        Map<String, JsonNode> after = leaves(config.resolved());
        List<String> changed = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        before.forEach((key, old) -> {
            JsonNode now = after.get(key);
            if (now != null && !same(old, now)) {
                changed.add(key);
                if (MAY_CHANGE.stream().noneMatch(k -> k.endsWith(".") ? key.startsWith(k) : key.equals(k))) {
                    refused.add(key + "=" + now + " (the run has " + old + ")");
                }
            }
        });
        if (!refused.isEmpty()) {
            throw new UserError(UserError.TRAINING, "cannot resume " + run.root() + " with "
                    + String.join(", ", refused)
                    + ": a resume continues the training its checkpoint holds, and "
                    + (refused.size() == 1 ? "this changes" : "these change")
                    + " the model, the objective chain, the data or the optimisation of the steps already taken. "
                    + "Start a new run with them instead");
        }
        int epochs = config.train().epochs();
        if (progress.epochs() > epochs || progress.epochs() == epochs && progress.steps() > 0) {
            throw new UserError(UserError.TRAINING, run.root() + " has trained to " + progress.describe()
                    + "; train.epochs=" + epochs + " is fewer, and a resume cannot undo training. Evaluate an "
                    + "earlier checkpoint instead (toolkit eval " + run.root() + " --checkpoint checkpoints/epoch-"
                    + epochs + ".ckpt, kept with train.checkpoint_every), or start a new run");
        }
        if (progress.epochs() == epochs && Files.isRegularFile(run.encoder())) {
            throw new UserError(UserError.TRAINING, run.root() + " has finished all " + epochs
                    + " epochs; raise them with --set train.epochs=N to continue");
        }
        return changed;
    }

    private static JsonNode stored(RunDirectory run) {
        try {
            return new YAMLMapper().readTree(run.config().toFile());
        } catch (IOException e) {
            throw new UserError(UserError.TRAINING, "cannot read " + run.config() + ", the configuration the run "
                    + "was trained with: " + e.getMessage());
        }
    }

    /** Every value by its dotted key; lists are values. */
    private static Map<String, JsonNode> leaves(JsonNode tree) {
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        collect("", tree, leaves);
        return leaves;
    }

    private static void collect(String prefix, JsonNode node, Map<String, JsonNode> leaves) {
        if (!node.isObject()) {
            leaves.put(prefix, node);
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            collect(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), leaves);
        }
    }

    /** Equal values, numbers compared by value (YAML reads {@code 0.0005} back as another node type). */
    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject() && a.size() == b.size()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = a.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!b.has(field.getKey()) || !same(field.getValue(), b.get(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
