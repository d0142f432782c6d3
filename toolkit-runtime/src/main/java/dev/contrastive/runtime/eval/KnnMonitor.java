package dev.contrastive.runtime.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.contrastive.api.Encoder;
import dev.contrastive.api.ImageTransform;
import dev.contrastive.runtime.config.KnnConfig;
import dev.contrastive.runtime.data.ImageSet;
import dev.contrastive.runtime.data.ImageTensors;

import java.util.LinkedHashMap;
import java.util.Map;

/** kNN top-1 of an encoder's backbone: test split against the train split as memory. */
public final class KnnMonitor {

    private final KnnConfig config;
    private final ImageSet train;
    private final ImageSet test;
    private final FeatureExtractor extractor;

    /**
     * @param config k, temperature, the memory size and the test images' count
     * @param train the memory bank's images (all train images unless limited)
     * @param test the images classified (all unless limited)
     * @param tensors the data set's normalisation
     */
    public KnnMonitor(KnnConfig config, ImageSet train, ImageSet test, ImageTensors tensors) {
        this.config = config;
        this.train = train.first(config.trainLimit());
        this.test = test.first(config.testLimit());
        this.extractor = new FeatureExtractor(tensors);
    }

    /**
     * Top-1 accuracy of {@code encoder}'s backbone features: on the clean test images, and, when
     * {@code strongTest} is given, on test images through it (memory: the clean train images).
     *
     * @param probe an online linear probe to score on the same clean test features; null for none
     * @return {@code knn_top1}; with a strong transform, {@code knn_strong_top1}; with a probe,
     *     {@code online_linear_test_top1}
     */
    public Map<String, Double> evaluate(Encoder encoder, ImageTransform strongTest, OnlineLinearProbe probe,
            NDManager parent) {
        Map<String, Double> results = new LinkedHashMap<>();
        int classes = Math.max(train.classes(), test.classes());
        try (NDManager manager = parent.newSubManager()) {
            NDArray memory = extractor.normalisedFeatures(encoder, train, manager);
            NDArray testFeatures = extractor.features(encoder, test, null, manager);
            NDArray queries = FeatureExtractor.normalised(testFeatures);
            results.put(Metric.KNN_TOP1.key(), KnnClassifier.top1(memory, train.labels(), queries, test.labels(), classes,
                    config.k(), config.temperature()));
            if (probe != null) {
                results.put(Metric.ONLINE_LINEAR_TEST_TOP1.key(), probe.top1(testFeatures, test.labels()));
            }
            if (strongTest != null) {
                NDArray strong = extractor.normalisedFeatures(encoder, test, strongTest, manager);
                results.put(Metric.KNN_STRONG_TOP1.key(), KnnClassifier.top1(memory, train.labels(), strong, test.labels(),
                        classes, config.k(), config.temperature()));
            }
        }
        return results;
    }
}
