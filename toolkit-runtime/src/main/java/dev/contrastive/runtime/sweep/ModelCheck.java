package dev.contrastive.runtime.sweep;

import ai.djl.ndarray.NDManager;
import dev.contrastive.api.AugmentationPolicy;
import dev.contrastive.api.ConfigException;
import dev.contrastive.runtime.config.DataConfig;
import dev.contrastive.runtime.train.EngineThreads;
import dev.contrastive.runtime.train.RunAssembly;

import java.util.List;
import java.util.Map;

/**
 * Builds each variant's model and objective chain once before anything trains: that binds the
 * plugins' sections too, so a bad {@code augment.strong} or {@code moco} key fails here. The data
 * is not read; the images are taken to have the shape the {@code data:} section implies.
 */
final class ModelCheck {

    /** The side of the IDX data sets' images (Fashion-MNIST, MNIST). */
    private static final int IDX_IMAGE_SIZE = 28;

    private ModelCheck() {
    }

    /** @throws ConfigException naming the sweep file's line of the override at fault */
    static void check(SweepFile sweep, List<PreparedVariant> prepared, Map<String, AugmentationPolicy> policies) {
        EngineThreads.start(prepared.get(0).config().train().threads());
        for (PreparedVariant p : prepared) {
            DataConfig data = p.config().data();
            try (NDManager manager = NDManager.newBaseManager()) {
                RunAssembly.build(p.config(), policies, channels(data), size(data), manager).objective().close();
            } catch (ConfigException e) {
                throw OverrideLocations.relocate(e, p.variant(), sweep);
            }
        }
    }

    /** A folder's channels are known once its images are read: the check takes RGB, the more general. */
    private static int channels(DataConfig data) {
        return data.dataset().equals("folder") ? 3 : 1;
    }

    private static int size(DataConfig data) {
        return data.dataset().equals("folder") ? data.folderImageSize()
                : data.imageSize() != 0 ? data.imageSize() : IDX_IMAGE_SIZE;
    }
}
