package dev.contrastive.runtime.config;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code data:} section.
 *
 * @param dataset {@code fashion-mnist} or {@code mnist} (IDX files), {@code cifar10},
 *     {@code cifar100} or {@code stl10} (their binary versions), or {@code folder}: the image
 *     files under {@code root}
 * @param root folder of the data set's files, or {@code auto} to search the usual places; for
 *     {@code folder}, the folder of images (flat, or one subfolder per class)
 * @param download {@code auto}: with {@code root: auto}, fetch a data set found nowhere into the
 *     cache; {@code never}: only use copies already on disk
 * @param limit train on the first {@code limit} images only; 0 uses all
 * @param workers loader threads that decode and augment
 * @param prefetch batches the loader prepares ahead of the trainer
 * @param imageSize side of the square images training sees: each image's centred square resized
 *     to it once at load; 0 keeps a data set's own size ({@value #FOLDER_IMAGE_SIZE} px for a folder)
 * @param cacheMb memory budget of a folder's decoded images; above it, the loader decodes each
 *     image from disk every epoch instead
 * @param mean per-channel mean on the 0..1 scale (one value, or one per channel); absent: the data
 *     set's published value, or for a folder, measured on its images at load
 * @param std per-channel deviation, as {@code mean}
 * @param eval labelled evaluation images, when the training images are not a data set with splits
 */
public record DataConfig(String dataset, String root, String download, Integer limit, Integer workers,
        Integer prefetch, Integer imageSize, Integer cacheMb, List<Double> mean, List<Double> std,
        DataEvalConfig eval) {

    /** Data sets with a built-in reader; {@code folder} reads image files. */
    public static final Set<String> DATASETS = Set.of("fashion-mnist", "mnist", "cifar10", "cifar100", "stl10",
            "folder");

    /** The most batches prepared ahead: each holds every view of a batch in memory. */
    public static final int MAX_PREFETCH = 64;

    /** Image side of a folder when {@code image_size} is 0. */
    public static final int FOLDER_IMAGE_SIZE = 64;

    /** Largest {@code image_size}: the loader holds every view of a batch in memory. */
    public static final int MAX_IMAGE_SIZE = 1024;

    /** Fills defaults and validates. */
    public DataConfig {
        dataset = dataset == null ? "fashion-mnist" : dataset;
        root = root == null ? "auto" : root;
        download = download == null ? "auto" : download;
        limit = limit == null ? 0 : limit;
        workers = workers == null ? 1 : workers;
        prefetch = prefetch == null ? 4 : prefetch;
        imageSize = imageSize == null ? 0 : imageSize;
        cacheMb = cacheMb == null ? 2048 : cacheMb;
        mean = mean == null ? List.of() : List.copyOf(mean);
        std = std == null ? List.of() : List.copyOf(std);
        eval = eval == null ? new DataEvalConfig(null, null) : eval;
        if (!DATASETS.contains(dataset)) {
            throw new IllegalArgumentException("dataset '" + dataset + "' is not known; allowed: "
                    + String.join(", ", new TreeSet<>(DATASETS)));
        }
        if (!download.equals("auto") && !download.equals("never")) {
            throw new IllegalArgumentException("download '" + download + "' is not known; allowed: auto, never");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0 (0 = all images), got " + limit);
        }
        if (dataset.equals("folder") && root.equals("auto")) {
            throw new IllegalArgumentException("root must name the folder of images when dataset is folder");
        }
        Bounds.threads("workers", workers);
        Bounds.check("prefetch", prefetch, 1, MAX_PREFETCH);
        Bounds.check("image_size", imageSize, 0, MAX_IMAGE_SIZE);
        Bounds.check("cache_mb", cacheMb, 0, 1 << 20);
        statistics("mean", mean, 0, true);
        statistics("std", std, 0, false);
        if (mean.isEmpty() != std.isEmpty()) {
            throw new IllegalArgumentException((mean.isEmpty() ? "mean" : "std")
                    + " is missing: give both mean and std, or neither");
        }
    }

    /** The {@code image_size} a folder's images are brought to. */
    public int folderImageSize() {
        return imageSize == 0 ? FOLDER_IMAGE_SIZE : imageSize;
    }

    private static void statistics(String key, List<Double> values, double min, boolean closed) {
        if (values.size() > 3 || values.size() == 2) {
            throw new IllegalArgumentException(key + " must hold one value or three (one per RGB channel), got "
                    + values.size());
        }
        for (Double value : values) {
            Bounds.check(key, value == null ? Double.NaN : value, min, closed, 1);
        }
    }
}
