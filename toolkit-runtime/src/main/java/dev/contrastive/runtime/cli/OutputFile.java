package dev.contrastive.runtime.cli;

import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.train.Checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A file a command writes where the user asked: atomically, as run files are, its folder created. */
final class OutputFile {

    private OutputFile() {
    }

    /** @throws UserError (exit code 2) if it cannot be written */
    static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Checkpoint.writeAtomically(file, bytes);
        } catch (IOException e) {
            throw new UserError(UserError.USAGE, "cannot write " + file + ": " + e + "; give --out FILE elsewhere");
        }
    }
}
