package dev.contrastive.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.RunFolders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code toolkit export} on a tiny trained run, on one that has not finished, and on what it refuses. */
class ExportCommandTest {

    @TempDir
    static Path shared;

    private static Path run;

    @TempDir
    Path dir;

    /** One epoch of the tiny MoCo run, without the linear probe. */
    @BeforeAll
    static void train() throws IOException {
        run = RunFolders.trainTinyRun(shared, "eval.linear=false");
    }

    @Test
    void everyRunEndsWithEncoderSafetensorsWhichExportWritesAgainByteForByte() throws IOException {
        assertThat(run.resolve("encoder.safetensors")).as("written by the run beside encoder.params").isRegularFile();
        Path out = dir.resolve("not/yet/there.safetensors");

        Distribution.Result result = Distribution.cli("export", run.toString(), "--out", out.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("(encoder.params)").contains("as safetensors").contains(out.toString());
        assertThat(out).hasSameBinaryContentAs(run.resolve("encoder.safetensors"));
    }

    @Test
    void aRunThatHasNotFinishedIsExportedFromItsNewestCheckpointIntoItsFolder() throws IOException {
        Path unfinished = RunFolders.copy(run, dir.resolve("unfinished"));
        Files.delete(unfinished.resolve("encoder.params"));
        Files.delete(unfinished.resolve("encoder.safetensors"));

        Distribution.Result result = Distribution.cli("export", unfinished.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("checkpoints/last.ckpt (after epoch 1)");
        assertThat(unfinished.resolve("encoder.safetensors")).as("the same weights as the finished run's")
                .hasSameBinaryContentAs(run.resolve("encoder.safetensors"));
        assertThat(unfinished.resolve("encoder.params")).as("still marks an unfinished run").doesNotExist();
    }

    @Test
    void formatDjlWritesWhatTheRunsEncoderParamsHolds() {
        Path out = dir.resolve("backbone.params");
        Distribution.Result result = Distribution.cli("export", run.toString(), "--format", "djl", "--out",
                out.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(out).hasSameBinaryContentAs(run.resolve("encoder.params"));
    }

    @Test
    void usageMistakesExit2AndFoldersThatCannotBeExportedExit5() throws IOException {
        Distribution.Result djl = Distribution.cli("export", run.toString(), "--format", "djl");
        assertThat(djl.exitCode()).isEqualTo(2);
        assertThat(djl.err()).contains("--format djl needs --out FILE");

        Distribution.Result format = Distribution.cli("export", run.toString(), "--format", "onnx");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).contains("safetensors, djl");

        Distribution.Result missing = Distribution.cli("export", dir.resolve("nothing").toString());
        assertThat(missing.exitCode()).isEqualTo(5);
        assertThat(missing.err()).contains("is not a folder");

        Path untrained = Files.createDirectories(dir.resolve("untrained/checkpoints"));
        Files.copy(run.resolve("config.yaml"), untrained.resolveSibling("config.yaml"));
        Distribution.Result empty = Distribution.cli("export", untrained.getParent().toString());
        assertThat(empty.exitCode()).isEqualTo(5);
        assertThat(empty.err()).contains("has neither encoder.params nor a checkpoint").doesNotContain("Exception");
        assertThat(untrained.getParent().resolve("encoder.safetensors")).doesNotExist();
    }
}
