package dev.contrastive.runtime.sweep;

/**
 * What an executor reports of one variant; the numbers are read from its run folder afterwards.
 *
 * @param variant the variant
 * @param status {@link RunStatus#OK}, {@link RunStatus#DONE} (finished before; nothing trained) or
 *     {@link RunStatus#FAILED}
 * @param wallSeconds wall time of the training, NaN when nothing was trained
 * @param error the failure's message, or null
 */
public record RunOutcome(SweepFile.Variant variant, RunStatus status, double wallSeconds, String error) {

    /** A run that trained to its end in {@code wallSeconds}. */
    public static RunOutcome ok(SweepFile.Variant variant, double wallSeconds) {
        return new RunOutcome(variant, RunStatus.OK, wallSeconds, null);
    }

    /** A run that had finished before. */
    public static RunOutcome done(SweepFile.Variant variant) {
        return new RunOutcome(variant, RunStatus.DONE, Double.NaN, null);
    }

    /** A run that failed with {@code error}. */
    public static RunOutcome failed(SweepFile.Variant variant, double wallSeconds, String error) {
        return new RunOutcome(variant, RunStatus.FAILED, wallSeconds, error);
    }
}
