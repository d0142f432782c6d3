package dev.contrastive.api;

import ai.djl.ndarray.NDManager;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the runtime hands a {@link ContrastiveObjective} when a run starts. The runtime builds it
 * (plugins' tests may too, with {@link #builder}); new parts come as new methods, so a compiled
 * plugin keeps working.
 */
public final class ObjectiveContext {

    private final ConfigSection config;
    private final EncoderFactory encoders;
    private final TrainingObjective inner;
    private final NDManager manager;
    private final int batchSize;
    private final int imageSize;
    private final int channels;
    private final double weakMinScale;
    private final double weakMaxScale;
    private final List<String> weakPolicies;
    private final Function<String, SourceLocation> locator;

    private ObjectiveContext(Builder b) {
        this.config = Objects.requireNonNull(b.config, "config");
        this.encoders = Objects.requireNonNull(b.encoders, "encoders");
        this.inner = b.inner;
        this.manager = Objects.requireNonNull(b.manager, "manager");
        this.batchSize = b.batchSize;
        this.imageSize = b.imageSize;
        this.channels = b.channels;
        this.weakMinScale = b.weakMinScale;
        this.weakMaxScale = b.weakMaxScale;
        this.weakPolicies = b.weakPolicies;
        this.locator = b.locator;
    }

    /** A builder with no parts set: set config, encoders and manager at least. */
    public static Builder builder() {
        return new Builder();
    }

    /** The objective's own run-file section ({@code moco:}, {@code clsa:}), maybe empty. */
    public ConfigSection config() {
        return config;
    }

    /** Builds encoders and heads of the run's architecture. */
    public EncoderFactory encoders() {
        return encoders;
    }

    /** The objective this add-on wraps; {@code null} for a base. */
    public TrainingObjective inner() {
        return inner;
    }

    /**
     * Long-lived manager for the objective's state (queues, target encoders); per-step arrays
     * belong to the batch's manager instead.
     */
    public NDManager manager() {
        return manager;
    }

    /** Images per training batch. */
    public int batchSize() {
        return batchSize;
    }

    /** Side of the data set's (square) images in pixels. */
    public int imageSize() {
        return imageSize;
    }

    /** Channels of the data set's images (1 grey, 3 RGB). */
    public int channels() {
        return channels;
    }

    /**
     * A view through the run's weak policies at full image size with the crop scale of
     * {@code augment.weak.scale}, as base objectives request their views: {@code weak}, then the
     * policies the run file lists in {@code augment.weak.then} (e.g. a plugin's Cutout).
     */
    public ViewRequest weakView(String name) {
        return new ViewRequest(name, weakPolicies, imageSize, weakMinScale, weakMaxScale);
    }

    /**
     * An error about any key of the run file, located at its line (or the nearest written
     * ancestor), ready to throw: for a setting outside the objective's section that it cannot
     * work with, e.g. {@code error("train.batch_size", "SimCLR needs at least 2 images")}.
     *
     * @param key dotted run-file key, e.g. {@code objective} or {@code train.batch_size}
     * @param message what is wrong and what is allowed
     */
    public ConfigException error(String key, String message) {
        return new ConfigException(locator.apply(key), key + ": " + message);
    }

    /** Collects an {@link ObjectiveContext}'s parts. */
    public static final class Builder {

        private ConfigSection config;
        private EncoderFactory encoders;
        private TrainingObjective inner;
        private NDManager manager;
        private int batchSize = 1;
        private int imageSize = 1;
        private int channels = 1;
        private double weakMinScale = 1;
        private double weakMaxScale = 1;
        private List<String> weakPolicies = List.of("weak");
        private Function<String, SourceLocation> locator = key -> new SourceLocation("run file", 0, 0);

        private Builder() {
        }

        /** See {@link ObjectiveContext#config()}. */
        public Builder config(ConfigSection config) {
            this.config = config;
            return this;
        }

        /** See {@link ObjectiveContext#encoders()}. */
        public Builder encoders(EncoderFactory encoders) {
            this.encoders = encoders;
            return this;
        }

        /** See {@link ObjectiveContext#inner()}. */
        public Builder inner(TrainingObjective inner) {
            this.inner = inner;
            return this;
        }

        /** See {@link ObjectiveContext#manager()}. */
        public Builder manager(NDManager manager) {
            this.manager = manager;
            return this;
        }

        /** See {@link ObjectiveContext#batchSize()}. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** The data set's image side and channels. */
        public Builder images(int size, int channels) {
            this.imageSize = size;
            this.channels = channels;
            return this;
        }

        /** The weak views' crop area range, {@code augment.weak.scale}. */
        public Builder weakScale(double min, double max) {
            this.weakMinScale = min;
            this.weakMaxScale = max;
            return this;
        }

        /**
         * The policies of the weak views, {@code weak} first; by default {@code weak} alone.
         *
         * @since 0.2.0
         */
        public Builder weakPolicies(List<String> policies) {
            this.weakPolicies = List.copyOf(policies);
            return this;
        }

        /** Where a dotted run-file key is written, for {@link ObjectiveContext#error}. */
        public Builder locator(Function<String, SourceLocation> locator) {
            this.locator = Objects.requireNonNull(locator);
            return this;
        }

        /** The context. */
        public ObjectiveContext build() {
            return new ObjectiveContext(this);
        }
    }
}
