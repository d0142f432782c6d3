package dev.contrastive.runtime.config;

/**
 * The {@code data.eval:} section: labelled images for the kNN monitor and the probes when the
 * training images have none (a folder of the user's photos, say). Each names a folder with one
 * subfolder per class, or a built-in data set (its train or test split); absent, a data set
 * evaluates on its own splits and a folder without them skips evaluation, saying so.
 *
 * @param train the kNN memory and the linear probe's training images
 * @param test the images the monitor and the probes classify
 */
public record DataEvalConfig(String train, String test) {

    /** Validates: both or neither. */
    public DataEvalConfig {
        if ((train == null) != (test == null)) {
            throw new IllegalArgumentException((train == null ? "train" : "test")
                    + " is missing: evaluation needs both a labelled train and a labelled test set");
        }
    }

    /** Whether the section names evaluation data. */
    public boolean given() {
        return train != null;
    }
}
