package dev.contrastive.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.train.EngineThreads;
import org.junit.jupiter.api.Test;

import java.util.Optional;

/** An allocation the engine or the JVM cannot make is one message naming the settings to shrink. */
class OutOfMemoryTest {

    /**
     * libtorch's own failure, as a model too large for the machine meets it: a tensor of 400 GB
     * is refused by the allocator at once (nothing is touched), wherever it is thrown.
     */
    @Test
    void libtorchsAllocationFailureBecomesOneMessage() {
        EngineThreads.start(1);
        Throwable failure;
        try (NDManager manager = NDManager.newBaseManager()) {
            failure = catchThrowable(() -> manager.zeros(new Shape(100_000_000_000L)));
        }
        assertThat(failure).as("libtorch refuses 400 GB").isNotNull();
        Optional<UserError> error = OutOfMemory.find(new RuntimeException("in a plugin", failure));
        assertThat(error).as("recognised: %s", failure.getMessage()).isPresent();
        assertThat(error.get().exitCode()).isEqualTo(UserError.TRAINING);
        assertThat(error.get().getMessage()).startsWith("out of memory: PyTorch could not allocate 400.0 GB")
                .contains("model.width").contains("train.batch_size");
    }

    @Test
    void theJvmsOwnIsOneMessageToo() {
        Optional<UserError> error = OutOfMemory.find(new IllegalStateException(new OutOfMemoryError("Java heap space")));
        assertThat(error).isPresent();
        assertThat(error.get().getMessage()).contains("the JVM ran out of memory (Java heap space)");
    }

    @Test
    void otherFailuresAreNotMemory() {
        assertThat(OutOfMemory.find(new IllegalStateException("no"))).isEmpty();
    }
}
