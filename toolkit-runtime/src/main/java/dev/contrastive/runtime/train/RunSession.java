package dev.contrastive.runtime.train;

import ai.djl.ndarray.NDManager;
import dev.contrastive.api.AugmentationPolicy;
import dev.contrastive.api.host.ObjectiveChain;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.config.ResolvedConfig;
import dev.contrastive.runtime.config.RunConfig;
import dev.contrastive.runtime.data.LoadedData;
import dev.contrastive.runtime.eval.OnlineLinearProbe;
import dev.contrastive.runtime.loader.ViewPipeline;
import dev.contrastive.runtime.run.RunState;

import java.util.List;
import java.util.Map;

/**
 * One run's parts, assembled once from its configuration, for every command that needs its model
 * ({@code run}, {@code eval}, {@code bench}, {@code export}, {@code embed}, {@code augment preview}
 * and {@code bench}, the sweep's model check): the engine started with the run's
 * {@code train.threads}, a manager that owns every array, the objective chain and view pipelines
 * with weights from the run's seed ({@link RunAssembly}), the resolved configuration as a value,
 * its data when it has any, and for training the online probe, the optimiser and the checkpoint
 * state. Closing it closes the chain and frees every array.
 */
public final class RunSession implements AutoCloseable {

    /** Fashion-MNIST's training images: what a run without data and without {@code data.limit} assumes. */
    private static final int FASHION_MNIST_TRAIN = 60_000;

    private final RunConfig config;
    private final LoadedData data;
    private final NDManager manager;
    private final RunAssembly assembly;
    private final ResolvedConfig resolved;

    private RunSession(RunConfig config, LoadedData data, NDManager manager, RunAssembly assembly) {
        this.config = config;
        this.data = data;
        this.manager = manager;
        this.assembly = assembly;
        // taken now: the plugins bind their sections, and fill in their defaults, as the chain is built
        this.resolved = ResolvedConfig.of(config.resolved());
    }

    /** The run over its loaded data, whose training images' channels, side and count build the model. */
    public static RunSession open(RunConfig config, Map<String, AugmentationPolicy> policies, LoadedData data) {
        return open(config, policies, data, data.train().channels(), data.train().height(), data.train().count());
    }

    /**
     * The run without data (synthetic batches, a model check, a model restored from a checkpoint):
     * the model built for {@code channels × size²} and a training set of {@code images} (the rows
     * of a per-image bank).
     */
    public static RunSession withoutData(RunConfig config, Map<String, AugmentationPolicy> policies, int channels,
            int size, int images) {
        return open(config, policies, null, channels, size, images);
    }

    /**
     * The training-set size a run without its data assumes: {@code data.limit}, or Fashion-MNIST's
     * 60,000 training images when the run sets none.
     */
    public static int assumedImages(RunConfig config) {
        return config.data().limit() > 0 ? config.data().limit() : FASHION_MNIST_TRAIN;
    }

    private static RunSession open(RunConfig config, Map<String, AugmentationPolicy> policies, LoadedData data,
            int channels, int size, int images) {
        EngineThreads.start(config.train().threads());
        NDManager manager = NDManager.newBaseManager();
        try {
            return new RunSession(config, data, manager,
                    RunAssembly.build(config, policies, channels, size, images, manager));
        } catch (RuntimeException | Error e) {
            manager.close();
            throw e;
        }
    }

    /** The configuration it was assembled from. */
    public RunConfig config() {
        return config;
    }

    /** The resolved configuration, every plugin's defaults included: what {@code config.yaml} holds. */
    public ResolvedConfig resolved() {
        return resolved;
    }

    /**
     * The run's data.
     *
     * @throws IllegalStateException for a session {@link #withoutData}
     */
    public LoadedData data() {
        if (data == null) {
            throw new IllegalStateException("a session without data");
        }
        return data;
    }

    /** Owns every array of the session. */
    public NDManager manager() {
        return manager;
    }

    /** The objective chain, its view pipelines and the strong kNN test's transform. */
    public RunAssembly assembly() {
        return assembly;
    }

    /** The objective chain. */
    public ObjectiveChain objective() {
        return assembly.objective();
    }

    /** A pipeline per view the objective asks for, in its order. */
    public List<ViewPipeline> pipelines() {
        return assembly.pipelines();
    }

    /** The online linear probe over {@code classes} classes, as {@code eval.online_*} configure it. */
    public OnlineLinearProbe onlineProbe(int classes) {
        return OnlineLinearProbe.of(config, objective(), classes, manager);
    }

    /** The optimiser of {@code train:} over the chain's trainable parameters. */
    Optimizer optimizer() {
        return Optimizer.of(objective(), config.train(), manager);
    }

    /**
     * What a checkpoint of training saves: the objective's, the optimiser's and the probe's state,
     * each in its namespace.
     *
     * @param probe the online probe, or null when the run has none
     * @throws UserError (exit code 3) if a name lies in another owner's namespace
     */
    RunState trainingState(Optimizer optimizer, OnlineLinearProbe probe) {
        RunState state = new RunState().add("the objective " + config.settings().objective(), "", objective().state())
                .add("the optimiser", RunState.OPTIMIZER, optimizer.state());
        if (probe != null) {
            state.add("the online linear probe", RunState.ONLINE_PROBE, probe.state());
        }
        return state;
    }

    @Override
    public void close() {
        try {
            objective().close();
        } finally {
            manager.close();
        }
    }
}
