package dev.contrastive.runtime.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The runtime's metrics, by the names its records give them, each with how it is shown: the one
 * list that the training loop, the evaluations, the run report and a sweep's results share. The
 * objectives' own loss terms ({@code L_C}, {@code L_D}) are not here: they are numbers.
 */
public enum Metric {

    /** Weighted kNN top-1 on the test split (the kNN monitor). */
    KNN_TOP1("knn_top1", Kind.SHARE),
    /** The same on strongly augmented test images ({@code knn.strong_test}). */
    KNN_STRONG_TOP1("knn_strong_top1", Kind.SHARE),
    /** The online linear probe's top-1 on the training batches it learns from. */
    ONLINE_LINEAR_TOP1("online_linear_top1", Kind.SHARE),
    /** The online linear probe's top-1 on the test split. */
    ONLINE_LINEAR_TEST_TOP1("online_linear_test_top1", Kind.SHARE),
    /** The linear probe's top-1 (frozen encoder, {@code eval.linear}). */
    LINEAR_TOP1("linear_top1", Kind.SHARE),
    /** The linear probe's top-5. */
    LINEAR_TOP5("linear_top5", Kind.SHARE),
    /** Training images the linear probe learnt from. */
    LINEAR_TRAIN_IMAGES("linear_train_images", Kind.NUMBER),
    /** The L2 penalty the linear probe chose. */
    LINEAR_L2("linear_l2", Kind.NUMBER),
    /** The objective's loss, all terms summed. */
    LOSS("loss", Kind.NUMBER),
    /** The spread of the normalised embeddings, the collapse watch's measure. */
    EMBEDDING_STD("embedding_std", Kind.NUMBER),
    /** Seconds an epoch trained. */
    EPOCH_S("epoch_s", Kind.SECONDS),
    /** Seconds the kNN monitor took. */
    KNN_S("knn_s", Kind.SECONDS),
    /** Seconds the linear probe took. */
    LINEAR_S("linear_s", Kind.SECONDS),
    /** Seconds a {@code toolkit eval} took. */
    EVAL_S("eval_s", Kind.SECONDS);

    /** How a metric's value reads. */
    private enum Kind { SHARE, NUMBER, SECONDS }

    private final String key;
    private final Kind kind;

    Metric(String key, Kind kind) {
        this.key = key;
        this.kind = kind;
    }

    /** Its name in {@code metrics.jsonl}. */
    public String key() {
        return key;
    }

    /** Whether it is a share of images (an accuracy), shown as a percentage. */
    public boolean isShare() {
        return kind == Kind.SHARE;
    }

    /** Every metric's name. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(Metric::key).toList();
    }

    /** The metric of this name, if the runtime writes one. */
    public static Optional<Metric> of(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
    }

    /**
     * A value of the metric named {@code key} as a table shows it: a share as a percentage with two
     * decimals ({@code 82.30}), anything else (a loss term too) with four.
     */
    public static String show(String key, double value) {
        return of(key).filter(Metric::isShare).isPresent() ? String.format(Locale.ROOT, "%.2f", 100 * value)
                : String.format(Locale.ROOT, "%.4f", value);
    }
}
