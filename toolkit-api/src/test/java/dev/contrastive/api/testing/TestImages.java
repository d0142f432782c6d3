package dev.contrastive.api.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.contrastive.api.Image;
import dev.contrastive.api.ViewBatch;
import dev.contrastive.api.ViewRequest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Seeded inputs for plugins' tests: images for policies, batches of views for objectives. */
public final class TestImages {

    private TestImages() {
    }

    /** An image of uniform random bytes, the same for the same seed. */
    public static Image random(int height, int width, int channels, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[height * width * channels];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) random.nextInt(256);
        }
        return Image.of(height, width, channels, pixels);
    }

    /** {@link #batch(NDManager, List, int, int, long, int)} over a data set of one batch. */
    public static ViewBatch batch(NDManager manager, List<ViewRequest> views, int size, int channels, long seed) {
        return batch(manager, views, size, channels, seed, size);
    }

    /**
     * A batch with every requested view as uniform noise in [-1, 1] (what normalised images look
     * like to an objective), {@code N × channels × size × size}, labels 0 .. N-1 mod 10, and the
     * samples' indices {@code (seed · N + i) mod datasetSize}: consecutive batches walk the data set.
     *
     * @param manager owns the batch's arrays; close it after the step, as the runtime does
     */
    public static ViewBatch batch(NDManager manager, List<ViewRequest> views, int size, int channels, long seed,
            int datasetSize) {
        if (datasetSize < 1) {
            throw new IllegalArgumentException("datasetSize must be positive, got " + datasetSize);
        }
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        for (ViewRequest view : views) {
            float[] data = new float[size * channels * view.size() * view.size()];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) random.nextDouble(-1, 1);
            }
            arrays.put(view.name(), manager.create(data, new Shape(size, channels, view.size(), view.size())));
        }
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = i % 10;
        }
        NDArray labelArray = manager.create(labels);
        long[] samples = new long[size];
        for (int i = 0; i < size; i++) {
            samples[i] = Math.floorMod(seed * size + i, (long) datasetSize);
        }
        NDArray indices = manager.create(samples);
        return new ViewBatch() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public NDArray view(String name) {
                NDArray view = arrays.get(name);
                if (view == null) {
                    throw new AssertionError("no view '" + name + "' was requested; requested: " + arrays.keySet());
                }
                return view;
            }

            @Override
            public NDArray labels() {
                return labelArray;
            }

            @Override
            public NDManager manager() {
                return manager;
            }

            @Override
            public NDArray indices() {
                return indices;
            }
        };
    }
}
