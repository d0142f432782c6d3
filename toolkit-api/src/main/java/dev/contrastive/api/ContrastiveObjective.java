package dev.contrastive.api;

import org.pf4j.ExtensionPoint;

/**
 * A named factory of training objectives, contributed by a plugin. A run file composes them by
 * name, {@code objective: moco+clsa}: exactly one {@link Role#BASE} first, then any add-ons, each
 * wrapping the chain built so far (a decorator). An add-on reaches the base only through
 * {@link TrainingObjective}, so it composes with every base.
 */
public interface ContrastiveObjective extends ExtensionPoint {

    /** Whether an objective stands alone or wraps another. */
    enum Role {
        /** Owns encoders and a representation bank, e.g. MoCo, SimCLR, BYOL. */
        BASE,
        /** Adds a loss term over a base's step, e.g. the CLSA distributional divergence. */
        ADD_ON
    }

    /** The key used in {@code objective:}; also the name of its run-file section. */
    String name();

    /** One line for {@code toolkit plugins}. */
    String description();

    /** Base or add-on. */
    Role role();

    /**
     * The record {@link #create} binds its run-file section to, so that
     * {@code toolkit plugins --verbose} can list its keys and their defaults (a record whose
     * compact constructor fills in defaults when every component is {@code null}).
     *
     * @return the record type, or {@code null} for an objective without settings
     * @since 0.2.0
     */
    default Class<? extends Record> configType() {
        return null;
    }

    /**
     * Creates the objective of one run. A base receives {@code context.inner() == null}; an
     * add-on receives the chain it wraps.
     *
     * @param context configuration, encoders and, for add-ons, the wrapped objective
     * @return the run's objective; the runtime closes it at the end of the run
     */
    TrainingObjective create(ObjectiveContext context);
}
