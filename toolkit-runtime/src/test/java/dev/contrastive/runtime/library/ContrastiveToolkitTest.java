package dev.contrastive.runtime.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive.api.ConfigException;
import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The Java API's failures are exceptions with the CLI's messages and exit codes; nothing is trained for them. */
class ContrastiveToolkitTest {

    @TempDir
    Path dir;

    private ContrastiveToolkit toolkit() {
        return ContrastiveToolkit.builder().home(Distribution.home())
                .out(new PrintStream(new ByteArrayOutputStream())).build();
    }

    @Test
    void aBadRunFileIsAConfigExceptionNamingItsLine() throws Exception {
        Path file = Distribution.runFile(dir, Distribution.TINY_RUN.replace("  epochs: 2", "  epochs: two"));
        try (ContrastiveToolkit toolkit = toolkit()) {
            assertThatThrownBy(() -> toolkit.run(file, dir.resolve("runs"), List.of()))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("run.yaml:").hasMessageContaining("epochs");
        }
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void anUnknownOverrideIsRefusedBeforeAnyRunFolder() throws Exception {
        Path file = Distribution.runFile(dir, Distribution.TINY_RUN);
        try (ContrastiveToolkit toolkit = toolkit()) {
            assertThatThrownBy(() -> toolkit.run(file, dir.resolve("runs"), List.of("train.epoch=3")))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("train.epoch");
        }
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void resumingAFolderWithoutCheckpointIsAUserErrorOfExitCodeFive() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("config.yaml"), Distribution.TINY_RUN);
        try (ContrastiveToolkit toolkit = toolkit()) {
            assertThatThrownBy(() -> toolkit.resume(run))
                    .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.exitCode()).isEqualTo(UserError.TRAINING))
                    .hasMessageContaining("no checkpoint to resume from");
            assertThatThrownBy(() -> toolkit.evaluate(run, EvalRequest.lastCheckpoint()))
                    .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.exitCode()).isEqualTo(UserError.TRAINING))
                    .hasMessageContaining("no checkpoint to evaluate");
        }
    }

    @Test
    void aMissingPluginFolderIsAPluginError() {
        assertThatThrownBy(() -> ContrastiveToolkit.builder().home(Distribution.home()).plugins(dir.resolve("none"))
                .build()).isInstanceOfSatisfying(UserError.class, e -> assertThat(e.exitCode()).isEqualTo(UserError.PLUGIN))
                .hasMessageContaining("none: no such folder");
    }

    @Test
    void evalRequestsCombineOneCheckpointWithTheProbes() {
        EvalRequest request = EvalRequest.lastCheckpoint().checkpoint(dir.resolve("epoch-1.ckpt")).knnOnly();
        assertThat(request.checkpointFile()).isEqualTo(dir.resolve("epoch-1.ckpt"));
        assertThat(request.knn()).isTrue();
        assertThat(request.linear()).isFalse();
        EvalRequest init = request.initialWeights();
        assertThat(init.isInitialWeights()).isTrue();
        assertThat(init.checkpointFile()).isNull();
        assertThat(init.knn()).isTrue();
        assertThat(EvalRequest.lastCheckpoint().linearOnly().knn()).isFalse();
    }
}
