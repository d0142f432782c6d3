package dev.contrastive.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.augment.WeakAugmentation;
import dev.contrastive.runtime.config.RunConfig;
import dev.contrastive.runtime.config.RunConfigLoader;
import dev.contrastive.runtime.eval.OnlineLinearProbe;
import dev.contrastive.runtime.loader.HostBatch;
import dev.contrastive.runtime.plugin.PluginCatalog;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Every step's arrays are released: the count of live NDArrays does not grow with steps. */
class NativeMemoryTest {

    @Test
    void liveArrayCountStaysFlatOverManySteps() {
        try (PluginCatalog catalog = new PluginCatalog(List.of(Distribution.home().resolve("plugins")), "0.1.0",
                List.of(new WeakAugmentation()))) {
            RunConfig config = new RunConfigLoader(catalog.objectives(), catalog.policies()).load(
                    "objective: moco\nmodel: {width: 2, head_hidden: 16, head_dim: 8}\n"
                            + "train: {batch_size: 8}\nmoco: {queue: 20}\n", "memory.yaml", List.of());
            try (NDManager manager = NDManager.newBaseManager()) {
                RunAssembly run = RunAssembly.build(config, catalog.policies(), 1, 12, manager);
                Sgd sgd = new Sgd(run.objective().trainableParameters(), 0.9, 5e-4, manager);
                OnlineLinearProbe probe = OnlineLinearProbe.of(config, run.objective(), 10, manager);
                assertThat(probe).as("the online probe is on by default").isNotNull();
                TrainingStep step = new TrainingStep(run.objective(), sgd, probe, manager, 1);
                SplittableRandom random = new SplittableRandom(0);
                for (int i = 0; i < 3; i++) {
                    step.run(batch(random), 0.01);
                }
                Set<NDArray> before = Collections.newSetFromMap(new IdentityHashMap<>());
                before.addAll(manager.getManagedArrays());
                for (int i = 0; i < 40; i++) {
                    step.run(batch(random), 0.01);
                }
                List<String> leaked = manager.getManagedArrays().stream().filter(a -> !before.contains(a))
                        .map(a -> a.getShape() + " " + a.getDataType()).toList();
                assertThat(leaked).as("arrays left behind by 40 steps").isEmpty();
            }
        }
    }

    private static HostBatch batch(SplittableRandom random) {
        List<float[]> views = new ArrayList<>();
        for (int v = 0; v < 2; v++) {
            float[] data = new float[8 * 12 * 12];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) random.nextDouble(-1, 1);
            }
            views.add(data);
        }
        return new HostBatch(8, views, new int[8]);
    }
}
