package dev.contrastive.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.contrastive.api.TrainingProgress;
import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.augment.WeakAugmentation;
import dev.contrastive.runtime.config.RunConfig;
import dev.contrastive.runtime.config.RunConfigLoader;
import dev.contrastive.runtime.eval.OnlineLinearProbe;
import dev.contrastive.runtime.loader.HostBatch;
import dev.contrastive.runtime.loader.ViewPipeline;
import dev.contrastive.runtime.plugin.PluginCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Every step's arrays are released: the count of live NDArrays does not grow with steps. */
class NativeMemoryTest {

    private static final int BATCH = 8;
    private static final int STEPS = 40;

    /** A one-layer ViT of 4-px patches: the 12-px views' 3 x 3 grid is its own, CLSA's 5-px strong views' resized. */
    private static final String VIT = "{backbone: vit, width: 8, head_hidden: 16, head_dim: 8, "
            + "vit: {patch_size: 4, depth: 1, heads: 2, mlp_ratio: 2}}";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"moco", "moco+clsa", "simclr", "simclr+clsa", "byol", "byol+clsa",
            "objective: byol+clsa\nbyol: {queue: 12}", "simsiam", "simsiam+clsa", "mocov3", "mocov3+clsa",
            "objective: dino\ndino: {prototypes: 16, local_crops: 2, local_size: 6}", "dino+clsa",
            "objective: instdisc\ninstdisc: {negatives: 16}", "objective: instdisc+clsa\ninstdisc: {negatives: 0}",
            "objective: mocov3+clsa\nmodel: " + VIT, "objective: dino+clsa\nmodel: " + VIT})
    void liveArrayCountStaysFlatOverManySteps(String objective) {
        String header = objective.startsWith("objective:") ? objective : "objective: " + objective;
        try (PluginCatalog catalog = new PluginCatalog(List.of(Distribution.home().resolve("plugins")), Distribution.VERSION,
                List.of(new WeakAugmentation()))) {
            RunConfig config = new RunConfigLoader(catalog.objectives(), catalog.policies()).load(
                    header + (header.contains("\nmodel:") ? "" : "\nmodel: {width: 2, head_hidden: 16, head_dim: 8}")
                            + "\ntrain: {batch_size: " + BATCH
                            + "}\n" + (header.matches("objective: moco(\\+.*)?") ? "moco: {queue: 20}\n" : ""),
                    "memory.yaml", List.of());
            try (NDManager manager = NDManager.newBaseManager()) {
                RunAssembly run = RunAssembly.build(config, catalog.policies(), 1, 12, BATCH * 4, manager);
                Sgd sgd = new Sgd(run.objective().trainableParameters(), run.objective().state(), 0.9, 5e-4, manager);
                OnlineLinearProbe probe = OnlineLinearProbe.of(config, run.objective(), 10, manager);
                assertThat(probe).as("the online probe is on by default").isNotNull();
                TrainingStep step = new TrainingStep(run, sgd, probe, manager, 1);
                SplittableRandom random = new SplittableRandom(0);
                long total = STEPS + 3;
                for (int i = 0; i < 3; i++) {
                    step.run(batch(run.pipelines(), random), 0.01, TrainingProgress.of(i, total, 0));
                }
                Set<NDArray> before = Collections.newSetFromMap(new IdentityHashMap<>());
                before.addAll(manager.getManagedArrays());
                for (int i = 3; i < total; i++) {
                    step.run(batch(run.pipelines(), random), 0.01, TrainingProgress.of(i, total, 0));
                }
                List<String> leaked = manager.getManagedArrays().stream().filter(a -> !before.contains(a))
                        .map(a -> a.getShape() + " " + a.getDataType()).toList();
                assertThat(leaked).as("arrays left behind by " + STEPS + " steps").isEmpty();
            }
        }
    }

    /** Uniform noise for every view the chain asks for, at the view's size. */
    private static HostBatch batch(List<ViewPipeline> pipelines, SplittableRandom random) {
        List<float[]> views = new ArrayList<>();
        for (ViewPipeline pipeline : pipelines) {
            int size = pipeline.request().size();
            float[] data = new float[BATCH * size * size];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) random.nextDouble(-1, 1);
            }
            views.add(data);
        }
        int[] samples = new int[BATCH];
        Arrays.setAll(samples, i -> i);
        return new HostBatch(BATCH, views, new int[BATCH], samples);
    }
}
