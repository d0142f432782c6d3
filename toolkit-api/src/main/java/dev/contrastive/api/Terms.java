package dev.contrastive.api;

import ai.djl.ndarray.NDArray;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An add-on's loss terms of one step, in order: each is logged under its name and added to the
 * loss times its weight.
 *
 * @since 0.3.0
 */
public final class Terms {

    /** One named term and its weight. */
    public static final class Term {

        private final String name;
        private final NDArray value;
        private final double weight;

        private Term(String name, NDArray value, double weight) {
            this.name = name;
            this.value = value;
            this.weight = weight;
        }

        /** Its name in the metrics, e.g. {@code L_D}. */
        public String name() {
            return name;
        }

        /** The scalar, with gradients. */
        public NDArray value() {
            return value;
        }

        /** The factor it enters the loss with. */
        public double weight() {
            return weight;
        }
    }

    private final List<Term> terms = new ArrayList<>();

    private Terms() {
    }

    /** No terms yet. */
    public static Terms of() {
        return new Terms();
    }

    /** Adds {@code weight × value} to the loss, logged as {@code name}; returns this. */
    public Terms add(String name, NDArray value, double weight) {
        terms.add(new Term(name, value, weight));
        return this;
    }

    /** The terms in the order they were added. */
    public List<Term> list() {
        return Collections.unmodifiableList(terms);
    }
}
