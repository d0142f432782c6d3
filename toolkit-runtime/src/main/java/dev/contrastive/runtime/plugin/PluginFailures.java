package dev.contrastive.runtime.plugin;

import dev.contrastive.api.host.ContractViolation;
import dev.contrastive.runtime.UserError;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells whether an unexpected exception was thrown by a plugin's code — in {@code create},
 * {@code forward}, a transform on a loader thread — by looking for the plugin's classes in its
 * stack trace, so the user learns which plugin (id, version, JAR) failed instead of seeing an
 * internal error of the toolkit. One per command; every catalog it opens registers here.
 */
public final class PluginFailures {

    /** What to add to a class-loading failure of plugin code. */
    static final String WHAT_PLUGINS_SEE = "A plugin sees only its own classes, the toolkit API, DJL's API, Jackson,"
            + " slf4j and PF4J; a plugin built for another toolkit version may also fail so: check its Plugin-Requires";

    /** {@code failure}, with {@link #WHAT_PLUGINS_SEE} when it is a class-loading failure. */
    static String describe(Throwable failure) {
        boolean classLoading = failure instanceof LinkageError || failure instanceof ClassNotFoundException;
        return failure + (classLoading ? ". " + WHAT_PLUGINS_SEE : "");
    }

    private final Map<String, PluginInfo> owners = new ConcurrentHashMap<>();

    /** Remembers which plugin each class of the catalog's plugins belongs to. */
    public void register(PluginCatalog catalog) {
        owners.putAll(catalog.classOwners());
    }

    /**
     * The error to report for {@code failure} when plugin code threw it.
     *
     * @return a plugin error (exit code 3), or empty when no plugin class is on the stack
     */
    public Optional<UserError> explain(Throwable failure) {
        for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof ContractViolation violation) {
                // no plugin frame is on the stack: the host found the nonsense the plugin returned
                return Optional.ofNullable(owners.get(violation.culprit().getName())).map(owner ->
                        new UserError(UserError.PLUGIN, owner.label() + ": " + violation.getMessage()));
            }
        }
        Throwable culprit = null;
        PluginInfo owner = null;
        StackTraceElement where = null;
        // the innermost exception with a plugin frame is the one the plugin threw
        for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                PluginInfo plugin = owners.get(frame.getClassName());
                if (plugin != null) {
                    culprit = t;
                    owner = plugin;
                    where = frame;
                    break;
                }
            }
        }
        if (owner == null) {
            return Optional.empty();
        }
        return Optional.of(new UserError(UserError.PLUGIN, owner.label() + " failed at " + where + ": "
                + describe(culprit)));
    }
}
