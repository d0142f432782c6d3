package dev.contrastive.runtime.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.contrastive.runtime.UserError;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A read and verified training checkpoint ({@link CheckpointFormat}): where training stood
 * ({@link RunProgress}) and every named array, restored into a run's live state by name and
 * namespace ({@link RunState}), every name on both sides checked before anything is copied.
 */
public final class Checkpoint {

    private final Path file;
    private final RunProgress progress;
    private final List<StoredArray> entries;

    Checkpoint(Path file, RunProgress progress, List<StoredArray> entries) {
        this.file = file;
        this.progress = progress;
        this.entries = entries;
    }

    /** The file read. */
    public Path file() {
        return file;
    }

    /** Where training stood. */
    public RunProgress progress() {
        return progress;
    }

    /**
     * Copies the arrays into the live state of the same names, to resume training. The online
     * probe may have been switched on or off since: its arrays may be missing on either side (a
     * probe the checkpoint lacks starts afresh).
     *
     * @throws UserError if the checkpoint does not match the run's model and objective
     */
    public void restoreTraining(Map<String, NDArray> state, Map<String, String> formerNames, NDManager manager) {
        restore(state, formerNames, manager, List.of(RunState.ONLINE_PROBE));
    }

    /**
     * Copies the model and objective state, leaving out the trainer's own (the optimiser's and the
     * online probe's), for evaluating a run without training it further.
     */
    public void restoreModel(Map<String, NDArray> state, NDManager manager) {
        restore(state, Map.of(), manager, RunState.TRAINER);
    }

    /**
     * Checks every name on both sides before copying anything: a name of the checkpoint the run
     * lacks, or one of the run the checkpoint lacks, is refused, all of them named.
     *
     * @param formerNames names arrays had in older checkpoints, each to the run's name for it; used
     *     only for a name the run does not have
     * @param optional prefixes of arrays that may be missing on either side
     */
    private void restore(Map<String, NDArray> state, Map<String, String> formerNames, NDManager manager,
            List<String> optional) {
        Map<String, StoredArray> found = new LinkedHashMap<>();
        Set<String> unknown = new TreeSet<>();
        for (StoredArray entry : entries) {
            String name = state.containsKey(entry.name()) ? entry.name()
                    : formerNames.getOrDefault(entry.name(), entry.name());
            if (state.containsKey(name) && found.putIfAbsent(name, entry) == null) {
                continue;
            }
            if (optional.stream().noneMatch(entry.name()::startsWith)) {
                unknown.add(entry.name());
            }
        }
        Set<String> missing = new TreeSet<>(state.keySet());
        missing.removeAll(found.keySet());
        missing.removeIf(name -> optional.stream().anyMatch(name::startsWith));
        List<String> problems = new ArrayList<>();
        if (!unknown.isEmpty()) {
            problems.add("the run has no array " + listed(unknown));
        }
        if (!missing.isEmpty()) {
            problems.add("it lacks " + listed(missing));
        }
        if (!problems.isEmpty()) {
            throw mismatch(String.join("; ", problems) + ". Arrays are matched by name (the objective's parts, "
                    + "their parameters, and the optimiser's buffer of each); a plugin that renamed a part, or "
                    + "another objective or model, cannot resume this checkpoint");
        }
        found.forEach((name, entry) -> {
            NDArray live = state.get(name);
            try (NDArray saved = entry.legacy() ? LegacyCheckpoint.decode(file, entry, live, manager) : allocate(entry, live, manager)) {
                saved.toType(live.getDataType(), false).copyTo(live);
            }
        });
    }

    /** Up to ten names, quoted, and how many more. */
    private static String listed(Set<String> names) {
        List<String> first = names.stream().limit(10).map(n -> "'" + n + "'").toList();
        return String.join(", ", first) + (names.size() > first.size()
                ? " and " + (names.size() - first.size()) + " more" : "");
    }

    private NDArray allocate(StoredArray entry, NDArray live, NDManager manager) {
        if (!entry.shape().equals(live.getShape())) {
            throw mismatch(entry.name() + " is " + entry.shape() + " there, " + live.getShape() + " here");
        }
        ByteBuffer data = manager.allocateDirect(entry.length()).order(ByteOrder.nativeOrder());
        data.put(entry.file(), entry.offset(), entry.length()).rewind();
        return manager.create(data, entry.shape(), entry.type());
    }

    private UserError mismatch(String detail) {
        return new UserError(UserError.TRAINING, "checkpoint " + file
                + " does not match this run's model and objective: " + detail);
    }
}
