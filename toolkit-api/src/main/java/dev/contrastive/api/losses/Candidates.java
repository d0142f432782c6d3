package dev.contrastive.api.losses;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Which keys a query is scored against beside the queue, in {@link InfoNce} (MoCo's
 * {@code moco.candidates}).
 *
 * @since 0.3.0
 */
public enum Candidates {

    /** Its own key, then the queue: facebookresearch/moco, the MoCo v2 paper. */
    OWN("own"),
    /** Every key of the batch, then the queue, the positive being its own key: the official CLSA code. */
    BATCH("batch");

    private final String key;

    Candidates(String key) {
        this.key = key;
    }

    /** The run-file value. */
    public String key() {
        return key;
    }

    /** The value named in a run file; a message naming the allowed values for any other. */
    public static Candidates named(String key) {
        return Arrays.stream(values()).filter(c -> c.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("candidates must be one of "
                        + Arrays.stream(values()).map(Candidates::key).collect(Collectors.joining(", "))
                        + ", got " + key));
    }
}
