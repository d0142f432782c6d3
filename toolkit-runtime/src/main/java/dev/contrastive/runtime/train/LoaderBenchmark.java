package dev.contrastive.runtime.train;

import dev.contrastive.api.AugmentationPolicy;
import dev.contrastive.runtime.config.RunConfig;
import dev.contrastive.runtime.data.Datasets;
import dev.contrastive.runtime.data.LoadedData;
import dev.contrastive.runtime.loader.BatchLoader;
import dev.contrastive.runtime.loader.HostBatch;

import java.util.Iterator;
import java.util.Map;

/**
 * Throughput of the data loader alone: a run's training images through its views' augmentations
 * and float conversion in {@code data.workers} threads, with nothing consuming the batches but
 * the benchmark. Set beside a plain torchvision {@code DataLoader}
 * ({@code benchmarks/reference/folder_loader.py}).
 */
public final class LoaderBenchmark {

    /**
     * What was measured.
     *
     * @param loadSeconds reading the data set: for a folder, the one pass that decodes every file
     * @param imagesPerSecond training samples per second out of the loader (each with all its views)
     * @param batches batches timed
     * @param source where the images came from and how they are kept
     */
    public record Result(double loadSeconds, double imagesPerSecond, int batches, String source) {
    }

    private LoaderBenchmark() {
    }

    /** Reads the run's data, then takes {@code warmup} untimed batches and {@code batches} timed ones. */
    public static Result measure(RunConfig config, Map<String, AugmentationPolicy> policies, int warmup,
            int batches) {
        long start = System.nanoTime();
        LoadedData data = Datasets.load(config.data());
        double loadSeconds = (System.nanoTime() - start) / 1e9;
        int batch = config.train().batchSize();
        try (RunSession session = RunSession.open(config, policies, data)) {
            RunAssembly run = session.assembly();
            try (BatchLoader loader = new BatchLoader(data.train(), run.pipelines(), batch, config.settings().seed(),
                    data.tensors(), config.data().workers(), config.data().prefetch())) {
                Iterator<HostBatch> epoch = loader.epoch(0, 0);
                int perEpoch = loader.batchesPerEpoch();
                for (int i = 0; i < warmup; i++) {
                    epoch = next(loader, epoch, i, perEpoch);
                }
                long timed = System.nanoTime();
                for (int i = 0; i < batches; i++) {
                    epoch = next(loader, epoch, warmup + i, perEpoch);
                }
                double seconds = (System.nanoTime() - timed) / 1e9;
                return new Result(loadSeconds, (double) batches * batch / seconds, batches, data.origin());
            }
        }
    }

    /** Takes batch {@code taken} (counted over epochs), moving to the next epoch when one ends. */
    private static Iterator<HostBatch> next(BatchLoader loader, Iterator<HostBatch> epoch, int taken, int perEpoch) {
        Iterator<HostBatch> current = epoch.hasNext() ? epoch : loader.epoch(taken / perEpoch, 0);
        current.next();
        return current;
    }
}
