package dev.contrastive.api;

/**
 * A base objective: owns its encoders, computes the contrastive loss of a batch and, for
 * add-ons, its weak queries and representation bank. A plugin implements {@link #create}; the
 * runtime binds the settings and owns optimiser, momentum teachers, checkpoints and evaluation.
 *
 * @param <S> the record of the objective's run-file section
 * @since 0.3.0
 */
public interface BaseObjective<S extends Record> extends ContrastiveObjective<S> {

    /** {@link Role#BASE}. */
    @Override
    default Role role() {
        return Role.BASE;
    }

    /**
     * Creates the objective of one run. Encoders, heads, momentum teachers and further state are
     * made through {@code context}, which registers their parameters and checkpoint state.
     *
     * @param context the run's facts and the factory of its trainable parts
     * @param settings the bound run-file section ({@code null} when {@link #configType()} is)
     * @return the run's objective; the runtime closes it at the end of the run
     */
    BaseRun create(BaseContext context, S settings);
}
