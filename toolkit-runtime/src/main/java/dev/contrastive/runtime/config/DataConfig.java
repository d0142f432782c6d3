package dev.contrastive.runtime.config;

import java.util.Set;

/**
 * The {@code data:} section.
 *
 * @param dataset {@code fashion-mnist} or {@code mnist} (IDX files)
 * @param root folder of the IDX files, or {@code auto} to search the usual places
 * @param download {@code auto}: with {@code root: auto}, fetch a data set found nowhere into the
 *     cache; {@code never}: only use copies already on disk
 * @param limit train on the first {@code limit} images only; 0 uses all
 * @param workers loader threads that decode and augment
 * @param prefetch batches the loader prepares ahead of the trainer
 */
public record DataConfig(String dataset, String root, String download, Integer limit, Integer workers,
        Integer prefetch) {

    /** Data sets the built-in IDX reader knows, with their normalisation statistics. */
    public static final Set<String> DATASETS = Set.of("fashion-mnist", "mnist");

    /** The most batches prepared ahead: each holds every view of a batch in memory. */
    public static final int MAX_PREFETCH = 64;

    /** Fills defaults and validates. */
    public DataConfig {
        dataset = dataset == null ? "fashion-mnist" : dataset;
        root = root == null ? "auto" : root;
        download = download == null ? "auto" : download;
        limit = limit == null ? 0 : limit;
        workers = workers == null ? 1 : workers;
        prefetch = prefetch == null ? 4 : prefetch;
        if (!DATASETS.contains(dataset)) {
            throw new IllegalArgumentException("dataset '" + dataset + "' is not known; allowed: "
                    + String.join(", ", new java.util.TreeSet<>(DATASETS)));
        }
        if (!download.equals("auto") && !download.equals("never")) {
            throw new IllegalArgumentException("download '" + download + "' is not known; allowed: auto, never");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0 (0 = all images), got " + limit);
        }
        Bounds.threads("workers", workers);
        Bounds.check("prefetch", prefetch, 1, MAX_PREFETCH);
    }
}
