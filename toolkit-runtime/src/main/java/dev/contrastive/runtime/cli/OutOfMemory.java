package dev.contrastive.runtime.cli;

import dev.contrastive.runtime.UserError;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run that needs more memory than the machine has: libtorch's allocation failure (an
 * {@code EngineException} "can't allocate memory: you tried to allocate N bytes", wherever it is
 * thrown, plugin code included) or the JVM's own, turned into one message naming the settings
 * that scale memory.
 */
final class OutOfMemory {

    private static final Pattern BYTES = Pattern.compile("allocate (\\d+) bytes");

    private OutOfMemory() {
    }

    /** The memory failure among {@code e} and its causes, as a user error; empty when there is none. */
    static Optional<UserError> find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return Optional.of(explain(t));
            }
            String message = String.valueOf(t.getMessage());
            if (t.getClass().getName().equals("ai.djl.engine.EngineException")
                    && (message.contains("can't allocate memory") || message.contains("DefaultCPUAllocator")
                            || message.contains("out of memory"))) {
                return Optional.of(explain(t));
            }
        }
        return Optional.empty();
    }

    /** The message for a memory failure. */
    private static UserError explain(Throwable e) {
        Matcher bytes = BYTES.matcher(String.valueOf(e.getMessage()));
        String what = bytes.find()
                ? "PyTorch could not allocate " + String.format(java.util.Locale.ROOT, "%.1f GB",
                        Long.parseLong(bytes.group(1)) / 1e9)
                : e instanceof OutOfMemoryError ? "the JVM ran out of memory (" + e.getMessage() + ")"
                : "PyTorch could not allocate memory";
        return new UserError(UserError.TRAINING, "out of memory: " + what + "; make the run smaller: "
                + "model.width, model.head_hidden, model.head_dim, train.batch_size, the objective's queue, "
                + "data.prefetch");
    }
}
