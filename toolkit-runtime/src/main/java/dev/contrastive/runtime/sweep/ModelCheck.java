package dev.contrastive.runtime.sweep;

import dev.contrastive.api.AugmentationPolicy;
import dev.contrastive.api.ConfigException;
import dev.contrastive.runtime.config.DataConfig;
import dev.contrastive.runtime.data.KnownDataset;
import dev.contrastive.runtime.train.RunSession;

import java.util.List;
import java.util.Map;

/**
 * Builds each variant's model and objective chain once before anything trains: that binds the
 * plugins' sections too, so a bad {@code augment.strong} or {@code moco} key fails here. The data
 * is not read; the images are taken to have the shape the {@code data:} section implies.
 */
final class ModelCheck {

    private ModelCheck() {
    }

    /** @throws ConfigException naming the sweep file's line of the override at fault */
    static void check(SweepFile sweep, List<PreparedVariant> prepared, Map<String, AugmentationPolicy> policies) {
        for (PreparedVariant p : prepared) {
            DataConfig data = p.config().data();
            try {
                int[] shape = KnownDataset.shapeOf(data);
                RunSession.withoutData(p.config(), policies, shape[0], shape[1], RunSession.assumedImages(p.config()))
                        .close();
            } catch (ConfigException e) {
                throw OverrideLocations.relocate(e, p.variant(), sweep);
            }
        }
    }
}
