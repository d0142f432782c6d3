package dev.contrastive.runtime.run;

import dev.contrastive.runtime.UserError;

import java.nio.file.Path;

/** A checkpoint that cannot be trusted: cut short, changed on disk, or not a checkpoint at all. */
public final class DamagedCheckpoint extends UserError {

    private static final long serialVersionUID = 1L;

    DamagedCheckpoint(Path file, String detail) {
        super(UserError.TRAINING, "checkpoint " + file + " is damaged: " + detail);
    }
}
