package dev.contrastive.api;

import org.pf4j.ExtensionPoint;

/**
 * A named training objective contributed by a plugin: a {@link BaseObjective} (MoCo, SimCLR,
 * BYOL) or an {@link AddOnObjective} (CLSA's distributional divergence). A run file composes them
 * by name, {@code objective: moco+clsa}: exactly one base first, then any add-ons. The runtime
 * composes the chain; an add-on receives the base's step and returns its own terms, so it never
 * forwards anything to the base. An extension implementing neither subtype is refused when the
 * plugins load.
 *
 * @param <S> the record of the objective's run-file section
 */
public interface ContrastiveObjective<S extends Record> extends ExtensionPoint {

    /** Whether an objective stands alone or adds to a base. */
    enum Role {
        /** Owns encoders and a representation bank, e.g. MoCo, SimCLR, BYOL. */
        BASE,
        /** Adds loss terms (and views) over a base's step, e.g. the CLSA distributional divergence. */
        ADD_ON
    }

    /** The key used in {@code objective:}; also the name of its run-file section. */
    String name();

    /** One line for {@code toolkit plugins}. */
    String description();

    /** Base or add-on; fixed by {@link BaseObjective} and {@link AddOnObjective}. */
    Role role();

    /**
     * The record the runtime binds the objective's run-file section to, once, before handing it
     * to {@code create}: {@code toolkit plugins --verbose} and the run-file reference list its
     * keys and defaults from it (a record whose compact constructor fills in defaults when a
     * component is {@code null}, and throws {@link IllegalArgumentException} for a bad value).
     *
     * @return the record type, or {@code null} for an objective without settings (its
     *     {@code create} then receives {@code null})
     */
    Class<S> configType();
}
