package dev.contrastive.runtime.config;

/**
 * The {@code knn:} section: the InstDisc / MoCo-demo kNN monitor on backbone features.
 *
 * @param k neighbours
 * @param temperature vote weight {@code exp(similarity / T)}
 * @param everyEpoch run after every epoch (always at the end of training)
 * @param trainLimit memory bank of the first {@code train_limit} train images; 0 = all
 * @param testLimit the first {@code test_limit} test images are classified (and the online probe
 *     scored on them); 0 = all. For quick monitors of small runs: a subset's top-1 is not the
 *     test split's
 * @param strongTest what {@code knn_strong_top1} classifies: {@code auto}, the test images through
 *     the first strongly augmented view's own policies and settings (none when every view is
 *     weak); {@code none}; or a policy name, that policy with its default settings whatever the
 *     run trains with, so runs of a sweep, MoCo among them, are scored on the same images
 */
public record KnnConfig(Integer k, Double temperature, Boolean everyEpoch, Integer trainLimit, Integer testLimit,
        String strongTest) {

    /** {@link #strongTest} for the objective's own strong view. */
    public static final String AUTO = "auto";

    /** {@link #strongTest} for no strongly augmented test images. */
    public static final String NONE = "none";

    /** The most neighbours: each test image keeps k similarities and labels per batch. */
    public static final int MAX_K = 10_000;

    /** Fills defaults and validates. */
    public KnnConfig {
        k = k == null ? 200 : k;
        temperature = temperature == null ? 0.1 : temperature;
        everyEpoch = everyEpoch == null ? Boolean.TRUE : everyEpoch;
        trainLimit = trainLimit == null ? 0 : trainLimit;
        testLimit = testLimit == null ? 0 : testLimit;
        strongTest = strongTest == null ? AUTO : strongTest;
        Bounds.check("k", k, 1, MAX_K);
        Bounds.check("temperature", temperature, 0, false, 100);
        if (trainLimit < 0) {
            throw new IllegalArgumentException("train_limit must be >= 0 (0 = all train images), got " + trainLimit);
        }
        if (testLimit < 0) {
            throw new IllegalArgumentException("test_limit must be >= 0 (0 = all test images), got " + testLimit);
        }
    }
}
