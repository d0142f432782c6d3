package dev.contrastive.runtime.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Sets the PyTorch engine's thread pools before it starts: {@code threads} intra-op threads and
 * one inter-op thread. Setting them through the engine's system properties matters: changing
 * the intra-op count after start-up left the native pools oversubscribed and cost a third of
 * the throughput in {@code toolkit bench}.
 */
public final class EngineThreads {

    private EngineThreads() {
    }

    /**
     * Starts the engine with {@code threads} threads unless the JVM was started with its own
     * setting, and turns gradient recording off on the calling thread, which is about to train.
     */
    public static void start(int threads) {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        Engine.getEngine("PyTorch");
        // libtorch's grad mode is per thread and on by default; DJL turns it off only on the
        // thread that started the engine, and the optimiser's in-place updates need it off
        JniUtils.setGradMode(false);
    }
}
