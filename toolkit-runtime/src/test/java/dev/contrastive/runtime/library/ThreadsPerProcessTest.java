package dev.contrastive.runtime.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive.runtime.Distribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * libtorch sets its threads once per process: a Java program that trains a run with one thread
 * and then asks for a second run with two is refused the second, rather than training it with
 * one while its {@code config.yaml} says two. A fresh {@code java}, as this test JVM fixes the
 * threads itself ({@code -Dai.djl.pytorch.num_threads}).
 */
class ThreadsPerProcessTest {

    @TempDir
    Path dir;

    @Test
    void aSecondRunAskingForOtherThreadsIsRefusedNamingBoth() throws Exception {
        Path runFile = Distribution.runFile(dir, Distribution.TINY_RUN.replace("  epochs: 2\n", "  epochs: 1\n"));
        Path program = dir.resolve("TwoRuns.java");
        Files.writeString(program, """
                import dev.contrastive.runtime.UserError;
                import dev.contrastive.runtime.library.ContrastiveToolkit;
                import java.nio.file.Path;
                import java.util.List;

                public class TwoRuns {
                    public static void main(String[] args) {
                        try (ContrastiveToolkit toolkit = ContrastiveToolkit.builder().build()) {
                            toolkit.run(Path.of(args[0]), Path.of("runs"), List.of("train.threads=1"));
                            System.out.println("first run trained");
                            try {
                                toolkit.run(Path.of(args[0]), Path.of("runs"), List.of("train.threads=2"));
                                System.out.println("second run trained");
                            } catch (UserError e) {
                                System.out.println("refused (" + e.exitCode() + "): " + e.getMessage());
                            }
                        }
                    }
                }
                """);
        Path log = dir.resolve("program.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Dtoolkit.home=" + Distribution.home().toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), program.toString(), runFile.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the program ran past 5 minutes").isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("first run trained").doesNotContain("second run trained")
                .contains("refused (5): train.threads 2 cannot take effect: an earlier run of this process started "
                        + "PyTorch with 1 threads");
        try (var runs = Files.list(dir.resolve("runs"))) {
            assertThat(runs).as("the refused run made no folder").hasSize(1);
        }
    }
}
