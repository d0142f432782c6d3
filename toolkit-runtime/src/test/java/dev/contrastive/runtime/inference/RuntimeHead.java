package dev.contrastive.runtime.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.augment.WeakAugmentation;
import dev.contrastive.runtime.config.RunConfig;
import dev.contrastive.runtime.config.RunConfigLoader;
import dev.contrastive.runtime.data.Datasets;
import dev.contrastive.runtime.model.EncoderBlocks;
import dev.contrastive.runtime.plugin.PluginCatalog;
import dev.contrastive.runtime.run.RunDirectory;
import dev.contrastive.runtime.train.TrainedBackbone;

import java.nio.file.Path;
import java.util.List;

/** The runtime's own projection head of a finished run, restored from its checkpoint: an oracle for the model folder. */
final class RuntimeHead {

    private RuntimeHead() {
    }

    /** {@code features} (one row per image) through the run's online head, L2-normalised. */
    static float[][] of(Path run, float[][] features) {
        try (PluginCatalog catalog = new PluginCatalog(List.of(Distribution.home().resolve("plugins")),
                Distribution.VERSION, List.of(new WeakAugmentation()));
             NDManager manager = NDManager.newBaseManager()) {
            RunConfig config = new RunConfigLoader(catalog.objectives(), catalog.policies())
                    .load(run.resolve("config.yaml"), List.of());
            try (TrainedBackbone trained = TrainedBackbone.loadEncoder(RunDirectory.existing(run), config,
                    catalog.policies(), () -> Datasets.load(config.data()).train(), notice -> { }, manager)) {
                int width = features[0].length;
                float[] flat = new float[features.length * width];
                for (int i = 0; i < features.length; i++) {
                    System.arraycopy(features[i], 0, flat, i * width, width);
                }
                NDArray input = manager.create(flat, new Shape(features.length, width));
                NDArray out = EncoderBlocks.head(trained.encoder()).forward(new ParameterStore(manager, false),
                        new NDList(input), false).singletonOrThrow().normalize(2, 1, 1e-12);
                int dim = (int) out.getShape().get(1);
                float[] values = out.toFloatArray();
                float[][] rows = new float[features.length][dim];
                for (int i = 0; i < rows.length; i++) {
                    System.arraycopy(values, i * dim, rows[i], 0, dim);
                }
                return rows;
            }
        }
    }
}
