package dev.contrastive.runtime.train;

import dev.contrastive.api.AugmentationPolicy;
import dev.contrastive.api.TrainingProgress;
import dev.contrastive.runtime.config.RunConfig;
import dev.contrastive.runtime.data.Datasets;
import dev.contrastive.runtime.data.LoadedData;
import dev.contrastive.runtime.loader.BatchLoader;
import dev.contrastive.runtime.loader.HostBatch;
import dev.contrastive.runtime.loader.ViewPipeline;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Times full training steps of a run's objective chain after a warm-up. */
public final class StepBenchmark {

    /** Label classes of noise batches (every label 0), for the online probe's shape. */
    private static final int NOISE_CLASSES = 10;

    private StepBenchmark() {
    }

    /**
     * What was measured.
     *
     * @param imagesPerSecond batch images per second (each image with all its views)
     * @param millisPerStep mean wall time of a step
     * @param steps timed steps
     */
    public record Result(double imagesPerSecond, double millisPerStep, int steps) {
    }

    /**
     * Runs {@code warmup} untimed steps, then {@code steps} timed ones.
     *
     * @param realData feed augmented data-set batches through the loader; otherwise Gaussian noise
     *     of {@code channels × size²}, as the PyTorch reference does
     */
    public static Result measure(RunConfig config, Map<String, AugmentationPolicy> policies, boolean realData,
            int channels, int size, int warmup, int steps) {
        int batch = config.train().batchSize();
        LoadedData data = realData ? Datasets.load(config.data()) : null;
        int classes = data != null && data.onlineProbeable() ? data.classes() : NOISE_CLASSES;
        int images = RunSession.assumedImages(config);
        try (RunSession session = data != null ? RunSession.open(config, policies, data)
                : RunSession.withoutData(config, policies, channels, size, images)) {
            RunAssembly run = session.assembly();
            int imageChannels = data != null ? data.train().channels() : channels;
            TrainingStep step = new TrainingStep(run, session.optimizer(), session.onlineProbe(classes),
                    session.manager(), imageChannels);
            Iterator<HostBatch> batches;
            BatchLoader loader = null;
            if (data != null) {
                loader = new BatchLoader(data.train(), run.pipelines(), batch, config.settings().seed(),
                        data.tensors(), config.data().workers(),
                        config.data().prefetch());
                batches = loader.epoch(0, 0);
            } else {
                batches = noise(run.pipelines(), batch, channels, images);
            }
            try {
                for (int i = 0; i < warmup; i++) {
                    step.run(batches.next(), 0.01, TrainingProgress.of(i, warmup + steps, 0));
                }
                long start = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    step.run(batches.next(), 0.01, TrainingProgress.of(warmup + i, warmup + steps, 0));
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                return new Result(steps * batch / seconds, seconds * 1000 / steps, steps);
            } finally {
                if (loader != null) {
                    loader.close();
                }
            }
        }
    }

    /** Gaussian views of samples drawn from {@code images} indices. */
    private static Iterator<HostBatch> noise(List<ViewPipeline> views, int batch, int channels, int images) {
        SplittableRandom random = new SplittableRandom(0);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public HostBatch next() {
                List<float[]> arrays = new ArrayList<>();
                for (ViewPipeline view : views) {
                    float[] data = new float[batch * channels * view.request().size() * view.request().size()];
                    for (int i = 0; i < data.length; i++) {
                        data[i] = (float) gaussian(random);
                    }
                    arrays.add(data);
                }
                return new HostBatch(batch, arrays, new int[batch], random.ints(batch, 0, images).toArray());
            }
        };
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
