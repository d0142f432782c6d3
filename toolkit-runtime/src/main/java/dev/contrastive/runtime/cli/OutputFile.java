package dev.contrastive.runtime.cli;

import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.io.AtomicFiles;
import dev.contrastive.runtime.io.OutputGuard;
import dev.contrastive.runtime.io.WriteFailure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Files a command writes where the user asked: never over a folder or a file the toolkit owns
 * ({@link OutputGuard}), atomically and together ({@link AtomicFiles}), their folder created.
 */
final class OutputFile {

    private OutputFile() {
    }

    /** @throws UserError (exit code 2) for a path the guard refuses, (exit code 5) if it cannot be written */
    static void write(Path file, byte[] bytes) {
        writeTogether(Map.of(file, bytes));
    }

    /** Files that belong together (a matrix and its names): both or neither are published. */
    static void writeTogether(Map<Path, byte[]> files) {
        files.keySet().forEach(OutputGuard::checkFile);
        Path first = files.keySet().iterator().next();
        try {
            Files.createDirectories(first.toAbsolutePath().getParent());
            AtomicFiles.writeTogether(files);
        } catch (IOException e) {
            throw WriteFailure.of(WriteFailure.fileOf(e, first), e);
        }
    }
}
