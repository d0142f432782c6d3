package dev.contrastive.runtime.sweep;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.SourceLocation;
import dev.contrastive.runtime.config.RunConfigLoader;
import dev.contrastive.runtime.plugin.PluginCatalog;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;

/** A sweep's variants bound and checked before anything trains, every error naming the sweep file's line. */
public final class SweepPreparation {

    private SweepPreparation() {
    }

    /**
     * Every variant: its configuration bound, its model and objective chain built once.
     *
     * @param threads {@code train.threads} of every run, or null to keep the run file's
     * @throws ConfigException at the sweep file's line of the first problem
     */
    public static List<PreparedVariant> all(SweepFile sweep, PluginCatalog catalog, Integer threads) {
        VariantConfigs configs = configs(sweep, catalog);
        List<PreparedVariant> prepared = sweep.variants().stream().map(v -> configs.prepare(v, threads)).toList();
        ModelCheck.check(sweep, prepared, catalog.policies());
        return prepared;
    }

    /**
     * The variant {@code id} alone, for the JVM that trains it: the sweep was checked as a whole
     * before it started, and the trainer builds the model anyway.
     *
     * @throws ConfigException when the sweep has no such variant, or its configuration is bad
     */
    public static PreparedVariant one(SweepFile sweep, PluginCatalog catalog, String id, Integer threads) {
        SweepFile.Variant variant = sweep.variants().stream().filter(v -> v.id().equals(id)).findFirst()
                .orElseThrow(() -> new ConfigException(new SourceLocation("--only", 0, 0), "no variant " + id));
        return configs(sweep, catalog).prepare(variant, threads);
    }

    /** Prints each variant's id and resolved configuration (--dry-run). */
    public static void print(List<PreparedVariant> prepared, PrintStream out) {
        YAMLMapper yaml = new YAMLMapper();
        for (PreparedVariant p : prepared) {
            out.println("variant " + p.variant().id());
            try {
                out.print(yaml.writeValueAsString(p.config().resolved()).indent(2));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        out.println(prepared.size() + " variants; nothing trained (--dry-run)");
    }

    private static VariantConfigs configs(SweepFile sweep, PluginCatalog catalog) {
        return new VariantConfigs(sweep, new RunConfigLoader(catalog.objectives(), catalog.policies()),
                catalog.objectives());
    }
}
