package dev.contrastive.runtime.train;

import ai.djl.engine.Engine;

/**
 * Sets the PyTorch engine's thread pools before it starts: {@code threads} intra-op threads and
 * one inter-op thread. Setting them through the engine's system properties matters: changing
 * the intra-op count after start-up left the native pools oversubscribed and cost a third of
 * the throughput in {@code toolkit bench}.
 */
public final class EngineThreads {

    private EngineThreads() {
    }

    /** Starts the engine with {@code threads} threads unless the JVM was started with its own setting. */
    public static void start(int threads) {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        Engine.getEngine("PyTorch");
    }
}
