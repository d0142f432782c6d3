package dev.contrastive.moco;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Which keys a MoCo query is scored against, beside the queue ({@code moco.candidates}). */
enum Candidates {

    /** Its own key, then the queue: facebookresearch/moco, the MoCo v2 paper. */
    OWN("own"),
    /** Every key of the batch, then the queue, the positive being its own key: the official CLSA code. */
    BATCH("batch");

    private final String key;

    Candidates(String key) {
        this.key = key;
    }

    /** The run-file value. */
    String key() {
        return key;
    }

    /** The value named in a run file; a message naming the allowed values for any other. */
    static Candidates named(String key) {
        return Arrays.stream(values()).filter(c -> c.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("candidates must be one of "
                        + Arrays.stream(values()).map(Candidates::key).collect(Collectors.joining(", "))
                        + ", got " + key));
    }
}
