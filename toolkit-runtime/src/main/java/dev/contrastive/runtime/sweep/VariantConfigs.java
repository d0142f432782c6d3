package dev.contrastive.runtime.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.ContrastiveObjective;
import dev.contrastive.runtime.config.LocatedYaml;
import dev.contrastive.runtime.config.RunConfigLoader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The run configuration of each variant: the base run file with the sweep's and the variant's
 * overrides, bound as {@code toolkit run --set} binds them, errors named at the sweep file's line.
 */
final class VariantConfigs {

    private final SweepFile sweep;
    private final Map<String, ContrastiveObjective<?>> objectives;
    private final RunConfigLoader loader;
    private final String baseText;

    VariantConfigs(SweepFile sweep, RunConfigLoader loader, Map<String, ContrastiveObjective<?>> objectives) {
        this.sweep = sweep;
        this.objectives = objectives;
        this.loader = loader;
        this.baseText = LocatedYaml.read(sweep.base(), "run file");
    }

    /**
     * Binds a variant's configuration.
     *
     * @param threads {@code train.threads} of the run, or null to keep the run file's
     * @throws ConfigException naming the sweep file's line of the override at fault
     */
    PreparedVariant prepare(SweepFile.Variant variant, Integer threads) {
        List<String> sets = new ArrayList<>(sweep.sets(variant));
        if (threads != null) {
            sets.add("train.threads=" + threads);
        }
        try {
            return new PreparedVariant(variant, loader.load(baseFor(variant), sets), sets);
        } catch (ConfigException e) {
            throw OverrideLocations.relocate(e, variant, sweep);
        }
    }

    /**
     * The base run file for a variant: when the variant sets {@code objective}, the sections of
     * installed objectives that its chain does not use are left out (a moco baseline over a
     * moco+clsa run file drops {@code clsa:}); every other value keeps its line.
     */
    private LocatedYaml.Document baseFor(SweepFile.Variant variant) {
        LocatedYaml.Document document = LocatedYaml.parse(baseText, sweep.base().toString());
        String objective = variant.overrides().get("objective");
        if (objective != null && document.root() instanceof ObjectNode root) {
            Set<String> chain = Arrays.stream(objective.split("\\+")).map(String::trim).collect(Collectors.toSet());
            root.remove(objectives.keySet().stream().filter(name -> !chain.contains(name)).toList());
        }
        return document;
    }
}
