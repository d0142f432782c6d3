package dev.contrastive.runtime.train;

import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.config.ResolvedConfig;
import dev.contrastive.runtime.run.RunDirectory;
import dev.contrastive.runtime.run.RunProgress;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

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
     * @param resolved the resumed run's resolved configuration
     * @param epochs the epochs it is to train
     * @return the keys whose values differ from the run's (all of them ones a resume may change)
     * @throws UserError (exit code 5) naming what a resume cannot do
     */
    static List<String> verify(RunDirectory run, ResolvedConfig resolved, int epochs, RunProgress progress) {
        ResolvedConfig stored = stored(run);
        List<String> changed = resolved.changedSince(stored);
        List<String> refused = new ArrayList<>();
        for (String key : changed) {
            if (MAY_CHANGE.stream().noneMatch(k -> k.endsWith(".") ? key.startsWith(k) : key.equals(k))) {
                refused.add(key + "=" + resolved.leaves().get(key) + " (the run has " + stored.leaves().get(key) + ")");
            }
        }
        if (!refused.isEmpty()) {
            throw new UserError(UserError.TRAINING, "cannot resume " + run.root() + " with "
                    + String.join(", ", refused)
                    + ": a resume continues the training its checkpoint holds, and "
                    + (refused.size() == 1 ? "this changes" : "these change")
                    + " the model, the objective chain, the data or the optimisation of the steps already taken. "
                    + "Start a new run with them instead");
        }
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

    private static ResolvedConfig stored(RunDirectory run) {
        try {
            return ResolvedConfig.read(run.config());
        } catch (IOException e) {
            throw new UserError(UserError.TRAINING, "cannot read " + run.config() + ", the configuration the run "
                    + "was trained with: " + e.getMessage());
        }
    }
}
