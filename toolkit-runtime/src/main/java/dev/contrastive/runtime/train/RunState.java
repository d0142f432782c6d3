package dev.contrastive.runtime.train;

import ai.djl.ndarray.NDArray;
import dev.contrastive.runtime.UserError;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a checkpoint saves, by name, gathered from its owners (the objective chain, the
 * optimiser, the online probe): a name two owners claim is refused at start, naming both, rather
 * than one silently overwriting the other on resume.
 */
final class RunState {

    private final Map<String, NDArray> arrays = new LinkedHashMap<>();
    private final Map<String, String> owners = new LinkedHashMap<>();

    /** Adds {@code owner}'s arrays; throws if one of their names is already another owner's. */
    RunState add(String owner, Map<String, NDArray> state) {
        state.forEach((name, array) -> {
            String before = owners.putIfAbsent(name, owner);
            if (before != null) {
                throw new UserError(UserError.PLUGIN, "the checkpoint state '" + name + "' is claimed by both "
                        + before + " and " + owner + "; rename one of them");
            }
            arrays.put(name, array);
        });
        return this;
    }

    /** The arrays by name, in the order added. */
    Map<String, NDArray> arrays() {
        return arrays;
    }
}
