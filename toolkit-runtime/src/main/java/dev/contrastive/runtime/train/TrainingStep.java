package dev.contrastive.runtime.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.contrastive.api.StepResult;
import dev.contrastive.api.TrainingProgress;
import dev.contrastive.api.ViewBatch;
import dev.contrastive.api.ViewRequest;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.eval.Metric;
import dev.contrastive.runtime.eval.OnlineLinearProbe;
import dev.contrastive.runtime.loader.HostBatch;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One optimisation step of an objective chain, shared by training and the benchmark: tensors
 * in a sub-manager, forward inside the gradient collector, backward, SGD, the online probe's
 * step on the detached weak features, after-step updates, and the sub-manager closed so native
 * memory stays flat.
 */
final class TrainingStep {

    private final RunAssembly run;
    private final Optimizer optimizer;
    private final OnlineLinearProbe probe;
    private final NDManager manager;
    private final int channels;

    /** @param probe the online linear probe, or null when the run has none */
    TrainingStep(RunAssembly run, Optimizer optimizer, OnlineLinearProbe probe, NDManager manager, int channels) {
        this.run = run;
        this.optimizer = optimizer;
        this.probe = probe;
        this.manager = manager;
        this.channels = channels;
    }

    /**
     * Runs one step.
     *
     * @param progress the step about to run, told to every objective of the chain first
     * @return the loss and its terms as numbers, {@code loss} first, then {@code embedding_std} of
     *     the weak queries (see {@link CollapseWatch}) and the online probe's batch accuracy
     *     {@code online_linear_top1} when there is a probe
     * @throws NonFiniteLossException before any parameter changes, if the loss is NaN or infinite
     */
    Map<String, Double> run(HostBatch host, double lr, TrainingProgress progress) {
        run.objective().beforeStep(progress);
        try (NDManager step = manager.newSubManager()) {
            ViewBatch batch = toTensors(host, step);
            StepResult result;
            Map<String, Double> values = new LinkedHashMap<>();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                result = run.objective().forward(batch);
                collector.backward(result.loss());
            }
            values.put(Metric.LOSS.key(), (double) result.loss().getFloat());
            result.terms().forEach((name, term) -> values.put(name, (double) term.getFloat()));
            if (!Double.isFinite(values.get(Metric.LOSS.key()))) {
                throw new NonFiniteLossException(values);
            }
            if (result.weakQueries() != null) {
                values.put(CollapseWatch.METRIC, CollapseWatch.embeddingStd(result.weakQueries()));
            }
            if (probe != null && result.weakFeatures() == null) {
                throw new UserError(UserError.PLUGIN, "the objective's base returns no weak-view features "
                        + "(StepResult.weakFeatures) for the online linear probe; set eval.online_linear: false");
            }
            optimizer.step(lr);
            if (probe != null) {
                values.put(Metric.ONLINE_LINEAR_TOP1.key(), probe.step(result.weakFeatures(), batch.labels(), lr));
            }
            run.objective().afterStep();
            return values;
        }
    }

    private ViewBatch toTensors(HostBatch host, NDManager step) {
        List<ViewRequest> views = run.objective().views();
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        for (int v = 0; v < views.size(); v++) {
            int size = views.get(v).size();
            arrays.put(views.get(v).name(),
                    step.create(host.views().get(v), new Shape(host.size(), channels, size, size)));
        }
        NDArray labels = step.create(host.labels());
        NDArray indices = step.create(Arrays.stream(host.samples()).asLongStream().toArray());
        return new ViewBatch() {
            @Override
            public int size() {
                return host.size();
            }

            @Override
            public NDArray view(String name) {
                NDArray array = arrays.get(name);
                if (array == null) {
                    throw new IllegalArgumentException("no view '" + name + "'; requested: " + arrays.keySet());
                }
                return array;
            }

            @Override
            public NDArray labels() {
                return labels;
            }

            @Override
            public NDManager manager() {
                return step;
            }

            @Override
            public NDArray indices() {
                return indices;
            }
        };
    }

    /** The loss of a step was NaN or infinite; nothing was updated. */
    static final class NonFiniteLossException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NonFiniteLossException(Map<String, Double> values) {
            super("loss is not finite: " + values);
        }
    }
}
