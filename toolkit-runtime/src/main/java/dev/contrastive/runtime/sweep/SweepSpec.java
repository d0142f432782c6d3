package dev.contrastive.runtime.sweep;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The keys of a sweep file, bound strictly as run files are (an unknown key is an error naming
 * the allowed ones); {@link SweepFileReader} checks the structured ones, which it keeps as trees
 * to locate each of their entries.
 *
 * @param name the sweep's name, or null for the file's
 * @param base the base run file, relative to the sweep file
 * @param set overrides of every variant
 * @param axes config key to its list of values
 * @param variants a list of override maps
 * @param baseline the overrides of the baseline group
 * @param compare a list of {@code {group: ..., against: ...}}
 * @param metrics a list of metric names
 */
record SweepSpec(String name, String base, JsonNode set, JsonNode axes, JsonNode variants, JsonNode baseline,
        JsonNode compare, JsonNode metrics) {
}
