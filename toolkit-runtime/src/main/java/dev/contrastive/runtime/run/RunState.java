package dev.contrastive.runtime.run;

import ai.djl.ndarray.NDArray;
import dev.contrastive.runtime.UserError;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a checkpoint saves, by name, gathered from its owners, each in a namespace of its
 * own: the optimiser's {@value #OPTIMIZER}, the online probe's {@value #ONLINE_PROBE} (both
 * reserved whether or not the run has them), the objective chain's every other name. A name in
 * another owner's namespace, or claimed twice, is refused at start, naming both owners, rather
 * than one silently overwriting the other on resume.
 */
public final class RunState {

    /** The optimiser's namespace: needed to resume a run, not to evaluate it. */
    public static final String OPTIMIZER = "optimizer.";
    /** The online linear probe's: optional on both sides, as the probe may be switched on or off. */
    public static final String ONLINE_PROBE = "online_linear.";
    /** The trainer's namespaces, which evaluating a run's encoder leaves out of a checkpoint. */
    public static final List<String> TRAINER = List.of(OPTIMIZER, ONLINE_PROBE);

    private final Map<String, String> namespaces = new LinkedHashMap<>(Map.of(OPTIMIZER, "the optimiser",
            ONLINE_PROBE, "the online linear probe"));
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();
    private final Map<String, String> owners = new LinkedHashMap<>();

    /**
     * Adds {@code owner}'s arrays, whose names all begin with {@code namespace} ("" for the
     * objective chain: the names no other owner reserved).
     *
     * @throws UserError (exit code 3) if a name lies in another owner's namespace or is taken
     */
    public RunState add(String owner, String namespace, Map<String, NDArray> state) {
        state.forEach((name, array) -> {
            String reserved = namespaces.entrySet().stream()
                    .filter(n -> name.startsWith(n.getKey()) && !n.getKey().equals(namespace))
                    .map(n -> n.getValue() + "'s namespace '" + n.getKey() + "'").findFirst().orElse(null);
            String before = owners.putIfAbsent(name, owner);
            if (before != null || reserved != null || !name.startsWith(namespace)) {
                throw new UserError(UserError.PLUGIN, "the checkpoint state '" + name + "' of " + owner
                        + (before != null ? " is already claimed by " + before
                                : reserved != null ? " lies in " + reserved
                                : " lies outside its namespace '" + namespace + "'") + "; rename one of them");
            }
            arrays.put(name, array);
        });
        return this;
    }

    /** The arrays by name, in the order added. */
    public Map<String, NDArray> arrays() {
        return arrays;
    }
}
