package dev.contrastive.runtime.loader;

import java.util.SplittableRandom;

/**
 * Derives independent random streams from the run seed, so every augmentation draw depends only
 * on (seed, epoch, position, view) and not on which loader thread ran it.
 */
final class SampleSeeds {

    private SampleSeeds() {
    }

    static SplittableRandom stream(long seed, long... coordinates) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (long c : coordinates) {
            h = mix(h ^ (c * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL));
        }
        return new SplittableRandom(h);
    }

    /** SplitMix64's finaliser: a bijective scramble of 64 bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
