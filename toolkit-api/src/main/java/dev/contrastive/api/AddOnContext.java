package dev.contrastive.api;

import ai.djl.ndarray.NDManager;

import java.util.List;

/**
 * What the runtime hands an {@link AddOnObjective} when a run starts: the run's facts and what
 * the base offers. Implemented by the runtime and the test kit; plugins only call it.
 *
 * @since 0.3.0
 */
public interface AddOnContext {

    /** The add-on's own run-file section, for errors at its keys. */
    ConfigSection config();

    /** An error about any key of the run file, located at its line, ready to throw. */
    ConfigException error(String key, String message);

    /** Images per training batch. */
    int batchSize();

    /** Side of the data set's (square) images in pixels. */
    int imageSize();

    /** Long-lived manager for state the add-on keeps across steps. */
    NDManager manager();

    /** The base's views, its weak query view first. */
    List<ViewRequest> baseViews();

    /** Whether every step of the base carries a bank ({@link BaseRun#providesBank()}). */
    boolean baseProvidesBank();

    /** Whether the base's bank answers further queries ({@link BaseRun#providesContrastiveLoss()}). */
    boolean baseProvidesContrastiveLoss();
}
