package dev.contrastive.api;

import ai.djl.ndarray.NDArray;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one forward pass of an objective chain produced. Built with {@link #builder}, so that a
 * field added in a later version of the API does not break a compiled plugin.
 */
public final class StepResult {

    private final NDArray loss;
    private final Map<String, NDArray> terms;
    private final NDArray weakQueries;
    private final NDArray weakFeatures;
    private final RepresentationBank bank;

    private StepResult(Builder builder) {
        this.loss = Objects.requireNonNull(builder.loss, "loss");
        this.terms = Collections.unmodifiableMap(new LinkedHashMap<>(builder.terms));
        this.weakQueries = builder.weakQueries;
        this.weakFeatures = builder.weakFeatures;
        this.bank = builder.bank;
    }

    /** A builder of a result whose loss is {@code loss}. */
    public static Builder builder(NDArray loss) {
        return new Builder(loss);
    }

    /** The scalar to minimise: the sum of all terms, weights applied. */
    public NDArray loss() {
        return loss;
    }

    /** Named scalar terms for logging, e.g. {@code L_C}, {@code L_D}, in insertion order. */
    public Map<String, NDArray> terms() {
        return terms;
    }

    /**
     * The base's online query embeddings of its first view (the weak query), {@code N × D} unit
     * vectors with gradients: what add-ons such as CLSA compare against; null if none.
     */
    public NDArray weakQueries() {
        return weakQueries;
    }

    /**
     * The online backbone's features of the same view, {@code N × F}, detached: what the trainer's
     * online linear probe learns from at no extra forward pass; null if none.
     */
    public NDArray weakFeatures() {
        return weakFeatures;
    }

    /** The base's candidates for this step; null for a base without a bank. */
    public RepresentationBank bank() {
        return bank;
    }

    /** This result with {@code weight * term} added to the loss and recorded under {@code name}. */
    public StepResult plus(String name, NDArray term, double weight) {
        Builder more = new Builder(loss.add(Scalars.times(term, weight)));
        more.terms.putAll(terms);
        return more.term(name, term).weakQueries(weakQueries).weakFeatures(weakFeatures).bank(bank).build();
    }

    /** Collects a {@link StepResult}'s parts; every part but the loss is optional. */
    public static final class Builder {

        private final NDArray loss;
        private final Map<String, NDArray> terms = new LinkedHashMap<>();
        private NDArray weakQueries;
        private NDArray weakFeatures;
        private RepresentationBank bank;

        private Builder(NDArray loss) {
            this.loss = loss;
        }

        /** Records a named scalar term for logging (it is not added to the loss). */
        public Builder term(String name, NDArray value) {
            terms.put(name, value);
            return this;
        }

        /** See {@link StepResult#weakQueries()}. */
        public Builder weakQueries(NDArray queries) {
            this.weakQueries = queries;
            return this;
        }

        /** See {@link StepResult#weakFeatures()}. */
        public Builder weakFeatures(NDArray features) {
            this.weakFeatures = features;
            return this;
        }

        /** See {@link StepResult#bank()}. */
        public Builder bank(RepresentationBank bank) {
            this.bank = bank;
            return this;
        }

        /** The result. */
        public StepResult build() {
            return new StepResult(this);
        }
    }
}
