package dev.contrastive.api.testing;

import dev.contrastive.api.Encoder;
import dev.contrastive.api.EncoderFactory;
import dev.contrastive.api.Head;

/** An {@link EncoderFactory} for tests of objectives that must build no encoder (add-ons, early checks). */
public final class NoEncoders implements EncoderFactory {

    @Override
    public Encoder create(boolean trainable, boolean headBatchNorm) {
        throw new AssertionError("this objective was not expected to build an encoder");
    }

    @Override
    public Head createHead(int inputSize, boolean batchNorm) {
        throw new AssertionError("this objective was not expected to build a head");
    }
}
