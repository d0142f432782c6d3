package dev.contrastive.runtime.sweep.spark;

import java.util.Arrays;
import java.util.List;

/**
 * A line of the Spark driver's report on its standard output (written by toolkit-spark's
 * {@code DriverEvents}): an event name and its fields, separated by tabs.
 *
 * @param name {@code started}, {@code lost}, {@code finished} or {@code aborted}
 * @param fields the fields after the name
 */
record DriverEvent(String name, List<String> fields) {

    /** {@code started VARIANT HOST ATTEMPT}: an attempt of a task began on a worker. */
    static final String STARTED = "started";
    /** {@code lost VARIANT HOST ATTEMPT REASON}: an attempt failed (its worker died); Spark retries it. */
    static final String LOST = "lost";
    /** {@code finished VARIANT HOST EXIT_CODE WALL_SECONDS PROBLEM}: a task returned. */
    static final String FINISHED = "finished";
    /** {@code aborted MESSAGE}: the job failed as a whole. */
    static final String ABORTED = "aborted";

    /** The event of a line, or null for a line that is none. */
    static DriverEvent parse(String line) {
        List<String> parts = Arrays.asList(line.split("\t", -1));
        int wanted = switch (parts.get(0)) {
            case STARTED -> 3;
            case LOST -> 4;
            case FINISHED -> 5;
            case ABORTED -> 1;
            default -> -1;
        };
        return parts.size() - 1 == wanted ? new DriverEvent(parts.get(0), List.copyOf(parts.subList(1, parts.size())))
                : null;
    }

    String field(int index) {
        return fields.get(index);
    }
}
