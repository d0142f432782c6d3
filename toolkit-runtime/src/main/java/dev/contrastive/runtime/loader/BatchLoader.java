package dev.contrastive.runtime.loader;

import dev.contrastive.api.Image;
import dev.contrastive.runtime.data.ImageSource;
import dev.contrastive.runtime.data.ImageTensors;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Prepares training batches in worker threads, {@code prefetch} batches ahead of the trainer,
 * in a fixed order: epoch {@code e} visits a permutation seeded by (seed, e) and drops the last
 * partial batch. It records how long the trainer waited for data.
 */
public final class BatchLoader implements AutoCloseable {

    private final ImageSource images;
    private final List<ViewPipeline> views;
    private final int batchSize;
    private final long seed;
    private final ImageTensors tensors;
    private final int prefetch;
    private final ExecutorService workers;
    private long waitNanos;

    /**
     * @param images the training split
     * @param views the objective's views with their transforms
     * @param batchSize samples per batch
     * @param seed the run's seed
     * @param tensors float conversion with the data set's normalisation
     * @param workers loader threads
     * @param prefetch batches prepared ahead
     */
    public BatchLoader(ImageSource images, List<ViewPipeline> views, int batchSize, long seed,
            ImageTensors tensors, int workers, int prefetch) {
        this.images = images;
        this.views = List.copyOf(views);
        this.batchSize = batchSize;
        this.seed = seed;
        this.tensors = tensors;
        this.prefetch = prefetch;
        this.workers = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "loader");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Full batches per epoch. */
    public int batchesPerEpoch() {
        return images.count() / batchSize;
    }

    /** Total nanoseconds the trainer has spent blocked waiting for a batch. */
    public long waitNanos() {
        return waitNanos;
    }

    /** The batches of one epoch, starting at batch {@code from}. */
    public Iterator<HostBatch> epoch(int epoch, int from) {
        int[] order = permutation(epoch);
        int total = batchesPerEpoch();
        Deque<Future<HostBatch>> ahead = new ArrayDeque<>();
        return new Iterator<>() {
            private int submitted = from;
            private int taken = from;

            @Override
            public boolean hasNext() {
                return taken < total;
            }

            @Override
            public HostBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                while (submitted < total && ahead.size() < prefetch) {
                    int index = submitted++;
                    ahead.add(workers.submit(() -> build(order, epoch, index)));
                }
                taken++;
                long start = System.nanoTime();
                try {
                    return ahead.removeFirst().get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while loading", e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("loader failed: " + e.getCause(), e.getCause());
                } finally {
                    waitNanos += System.nanoTime() - start;
                }
            }
        };
    }

    /** Builds batch {@code index} of the epoch; depends only on its arguments and the seed. */
    HostBatch build(int[] order, int epoch, int index) {
        List<float[]> out = new ArrayList<>(views.size());
        for (ViewPipeline view : views) {
            int size = view.request().size();
            out.add(new float[batchSize * images.channels() * size * size]);
        }
        int[] labels = new int[batchSize];
        int[] samples = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            int position = index * batchSize + i;
            int sample = order[position];
            samples[i] = sample;
            labels[i] = images.label(sample);
            Image image = images.image(sample);
            for (int v = 0; v < views.size(); v++) {
                ViewPipeline view = views.get(v);
                SplittableRandom random = SampleSeeds.stream(seed, epoch, position, v);
                // the view's size: its policies' results are checked (CheckedTransforms)
                Image augmented = view.transform().apply(image, random);
                int size = view.request().size();
                tensors.write(augmented, out.get(v), i * images.channels() * size * size);
            }
        }
        return new HostBatch(batchSize, out, labels, samples);
    }

    private int[] permutation(int epoch) {
        int[] order = new int[images.count()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom random = SampleSeeds.stream(seed, epoch, -1);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
