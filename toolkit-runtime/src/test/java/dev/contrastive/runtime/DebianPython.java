package dev.contrastive.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's {@code /usr/bin/python3} with numpy, PyTorch and torchvision (or protobuf), for tests
 * that check files against what the Python side reads. Their absence fails a test with the command that
 * installs them; it never skips one (CI installs them).
 */
public final class DebianPython {

    private static final String PYTHON = "/usr/bin/python3";
    private static final String INSTALL = "sudo apt-get install python3-torch python3-torchvision";

    private DebianPython() {
    }

    /** Runs {@code python3 ARGS} in {@code dir}; returns its standard output, failing on a non-zero exit. */
    public static String run(Path dir, String... args) throws IOException, InterruptedException {
        requirePackages("import numpy, torch, torchvision", "numpy, PyTorch and torchvision", INSTALL);
        return runChecked(dir, args);
    }

    /**
     * Runs {@code python3 ARGS} as {@link #run} does, needing Debian's {@code python3-protobuf}
     * (the reader of TensorBoard's event files) instead of PyTorch.
     */
    public static String runWithProtobuf(Path dir, String... args) throws IOException, InterruptedException {
        requirePackages("import google.protobuf", "protobuf", "sudo apt-get install python3-protobuf");
        return runChecked(dir, args);
    }

    private static String runChecked(Path dir, String... args) throws IOException, InterruptedException {
        Run run = start(dir, args);
        if (run.exitCode() != 0) {
            throw new AssertionError(PYTHON + " " + String.join(" ", args) + " exited with " + run.exitCode() + ":\n"
                    + run.output());
        }
        return run.output();
    }

    private static void requirePackages(String imports, String what, String install)
            throws IOException, InterruptedException {
        Run check = start(Path.of("."), "-c", imports);
        if (check.exitCode() != 0) {
            throw new AssertionError("this test needs Debian's Python with " + what + ": "
                    + install + "\n" + check.output());
        }
    }

    private record Run(int exitCode, String output) {
    }

    private static Run start(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON));
        command.addAll(List.of(args));
        Path err = Files.createTempFile("python", ".err");
        Process process;
        try {
            // stderr apart, in a file that cannot fill up: warnings there are no part of the output
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectError(err.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + PYTHON + " (" + e.getMessage() + "); " + INSTALL, e);
        }
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = process.waitFor();
        String errors = Files.readString(err);
        Files.delete(err);
        return new Run(code, code == 0 ? out : out + errors);
    }
}
