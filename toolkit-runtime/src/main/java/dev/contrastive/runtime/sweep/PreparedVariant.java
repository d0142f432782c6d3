package dev.contrastive.runtime.sweep;

import dev.contrastive.runtime.config.RunConfig;

import java.util.List;

/**
 * A variant with its validated configuration.
 *
 * @param variant the variant
 * @param config its run's configuration: the base run file with {@code sets} applied
 * @param sets the {@code --set} options that gave it, as the run's provenance names them
 */
public record PreparedVariant(SweepFile.Variant variant, RunConfig config, List<String> sets) {
}
