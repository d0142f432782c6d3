package dev.contrastive.runtime.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.contrastive.runtime.UserError;

/**
 * Sets the PyTorch engine's thread pools before it starts: {@code threads} intra-op threads and
 * one inter-op thread. Setting them through the engine's system properties matters: changing
 * the intra-op count after start-up left the native pools oversubscribed and cost a third of
 * the throughput in {@code toolkit bench}.
 */
public final class EngineThreads {

    private static final String THREADS = "ai.djl.pytorch.num_threads";

    /** The intra-op threads this class started the engine with; null before, or when the JVM set them. */
    private static Integer applied;

    private EngineThreads() {
    }

    /**
     * Starts the engine with {@code threads} threads unless the JVM was started with its own
     * setting or the engine runs already, and turns gradient recording off on the calling thread,
     * which is about to train.
     */
    public static synchronized void start(int threads) {
        if (applied == null && System.getProperty(THREADS) == null) {
            System.setProperty(THREADS, Integer.toString(threads));
            applied = threads;
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        Engine.getEngine("PyTorch");
        // libtorch's grad mode is per thread and on by default; DJL turns it off only on the
        // thread that started the engine, and the optimiser's in-place updates need it off
        JniUtils.setGradMode(false);
    }

    /**
     * Refuses a run that asks for {@code threads} when an earlier run of this process started the
     * engine with another count: libtorch sets it once per process, so the run would not get it.
     *
     * @throws UserError (exit code 5) naming both counts
     */
    public static synchronized void refuseOther(int threads) {
        if (applied != null && applied != threads) {
            throw new UserError(UserError.TRAINING, "train.threads " + threads + " cannot take effect: an earlier run "
                    + "of this process started PyTorch with " + applied + " threads, and libtorch sets them once per "
                    + "process. Run it in a process of its own (a sweep does so by itself), or with train.threads "
                    + applied);
        }
    }
}
