package dev.contrastive.api;

/**
 * An add-on objective: adds loss terms, and views of its own, over any base's step. It never sees
 * the base objective itself, only what the base's step produced ({@link BaseStep}), so a method
 * added to the base SPI later needs no change in an add-on.
 *
 * @param <S> the record of the add-on's run-file section
 * @since 0.3.0
 */
public interface AddOnObjective<S extends Record> extends ContrastiveObjective<S> {

    /** {@link Role#ADD_ON}. */
    @Override
    default Role role() {
        return Role.ADD_ON;
    }

    /**
     * Creates the add-on of one run.
     *
     * @param context the run's facts and what the base offers (its views, whether it has a bank)
     * @param settings the bound run-file section ({@code null} when {@link #configType()} is)
     * @return the add-on's part of the run
     */
    AddOnRun create(AddOnContext context, S settings);
}
