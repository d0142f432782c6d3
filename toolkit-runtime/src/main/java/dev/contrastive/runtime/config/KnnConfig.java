package dev.contrastive.runtime.config;

/**
 * The {@code knn:} section: the InstDisc / MoCo-demo kNN monitor on backbone features.
 *
 * @param k neighbours
 * @param temperature vote weight {@code exp(similarity / T)}
 * @param everyEpoch run after every epoch (always at the end of training)
 * @param trainLimit memory bank of the first {@code train_limit} train images; 0 = all
 */
public record KnnConfig(Integer k, Double temperature, Boolean everyEpoch, Integer trainLimit) {

    /** Fills defaults and validates. */
    public KnnConfig {
        k = k == null ? 200 : k;
        temperature = temperature == null ? 0.1 : temperature;
        everyEpoch = everyEpoch == null ? Boolean.TRUE : everyEpoch;
        trainLimit = trainLimit == null ? 0 : trainLimit;
        if (k < 1 || !(temperature > 0) || trainLimit < 0) {
            throw new IllegalArgumentException("need k >= 1, temperature > 0, train_limit >= 0");
        }
    }
}
