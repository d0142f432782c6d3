package dev.contrastive.runtime.run;

import dev.contrastive.runtime.UserError;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Which checkpoint a run resumes or is evaluated from when its {@code last.ckpt} is damaged. */
public final class CheckpointFallback {

    private CheckpointFallback() {
    }

    /**
     * Reads the run's newest intact checkpoint: {@code last.ckpt}, or, when that is damaged, the
     * newest intact {@code epoch-N.ckpt}, saying so through {@code notice}. The damaged file is left
     * as it is.
     *
     * @throws UserError (exit code 5) if there is none
     */
    public static Checkpoint newestIntact(RunDirectory run, Consumer<String> notice) {
        try {
            return CheckpointFormat.read(run.lastCheckpoint());
        } catch (DamagedCheckpoint damaged) {
            List<String> alsoDamaged = new ArrayList<>();
            for (Path kept : run.epochCheckpoints()) {
                try {
                    Checkpoint fallback = CheckpointFormat.read(kept);
                    notice.accept("warning: " + damaged.getMessage() + "; using " + run.root().relativize(kept)
                            + " instead (after " + fallback.progress().describe() + ")");
                    return fallback;
                } catch (DamagedCheckpoint also) {
                    alsoDamaged.add(run.root().relativize(kept).toString());
                }
            }
            throw new UserError(UserError.TRAINING, damaged.getMessage() + "; "
                    + (alsoDamaged.isEmpty() ? "there is no epoch-N.ckpt to fall back on (train.checkpoint_every)"
                            : "so are " + String.join(", ", alsoDamaged))
                    + ". The file is left as it is; restore it from a backup, or start the run again");
        }
    }

}
