package dev.contrastive.api.testing;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.contrastive.api.ContrastiveObjective;
import dev.contrastive.api.StepResult;
import dev.contrastive.api.TrainingProgress;
import dev.contrastive.api.host.ObjectiveChain;
import dev.contrastive.api.host.RunModules;
import dev.contrastive.api.ViewBatch;
import dev.contrastive.api.ViewRequest;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The contract every objective chain keeps, checked by training it for a few steps on
 * {@link SmallEncoders} the way the runtime does (progress, forward inside a gradient collector,
 * backward, an SGD step, {@code afterStep}, every step's arrays in a sub-manager closed after it):
 * <ul>
 *   <li>views: at least one, names unique, the first a weak view ({@code weak} first);</li>
 *   <li>every step: a finite scalar loss that reaches the trainable parameters, L2-normalised weak
 *       queries of shape N × D, weak features for the online probe, and a bank answering
 *       N × K similarities whenever the base's {@code providesBank()} says so;</li>
 *   <li>{@code state()}: the same names after every step, and complete — a second chain given
 *       the first one's state computes the same loss on the same batch (what a resumed run does);</li>
 *   <li>native memory: the count of live arrays does not grow from step to step.</li>
 * </ul>
 * Run it over a base alone and, when the base provides a bank, over {@code base + clsa}:
 * <pre>{@code
 * ObjectiveContract.of(new BarlowObjective()).section("barlow", "lambda: 0.01").verify();
 * ObjectiveContract.of(new BarlowObjective(), new ClsaObjective()).verify();
 * }</pre>
 * A broken rule is an {@link AssertionError} saying which.
 */
public final class ObjectiveContract {

    /** Large enough for the smallest view of CLSA's recipes (0.43 of the side) to keep 5 px. */
    private static final int IMAGE_SIZE = 12;
    private static final int CHANNELS = 1;
    private static final int STEPS = 12;
    /** Images of the data set the batches walk, 4 batches of the default 8: a per-image bank sees each entry again. */
    private static final int DATASET_SIZE = 32;
    private static final int FLAT_FROM = 3;
    private static final double LR = 0.01;

    private final List<ContrastiveObjective<?>> chain;
    private final Map<String, String> sections = new HashMap<>();
    private int batchSize = 8;

    private ObjectiveContract(List<ContrastiveObjective<?>> chain) {
        this.chain = chain;
    }

    /** A chain as {@code objective: a+b} composes it: a base first, then add-ons. */
    public static ObjectiveContract of(ContrastiveObjective<?>... chain) {
        if (chain.length == 0 || chain[0].role() != ContrastiveObjective.Role.BASE) {
            throw new IllegalArgumentException("a chain starts with a base objective");
        }
        return new ObjectiveContract(List.of(chain));
    }

    /** The YAML body of an objective's section; absent sections are empty (every default). */
    public ObjectiveContract section(String objective, String yaml) {
        sections.put(objective, yaml);
        return this;
    }

    /** Images per batch, 8 unless set. */
    public ObjectiveContract batchSize(int size) {
        this.batchSize = size;
        return this;
    }

    /** Runs the checks. @throws AssertionError naming the rule a chain breaks */
    public void verify() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ObjectiveChain top = build(manager, 1);
            checkViews(top.views());
            Set<String> names = new TreeSet<>(top.state().keySet());
            require(!names.isEmpty(), "state() is empty: a resumed run would start from nothing");
            Set<NDArray> live = Collections.newSetFromMap(new IdentityHashMap<>());
            for (int step = 0; step < STEPS; step++) {
                train(top, manager, step);
                require(new TreeSet<>(top.state().keySet()).equals(names),
                        "state() names changed after step " + (step + 1) + ": " + names + " became "
                                + new TreeSet<>(top.state().keySet()));
                if (step + 1 == FLAT_FROM) {
                    live.addAll(manager.getManagedArrays());
                }
            }
            List<String> leaked = manager.getManagedArrays().stream().filter(a -> !live.contains(a))
                    .map(a -> a.getShape() + " " + a.getDataType()).toList();
            require(leaked.isEmpty(), (STEPS - FLAT_FROM) + " steps left arrays behind (an op whose first operand "
                    + "lives across steps keeps its result): " + leaked);
            checkRestores(top, build(manager, 2), manager);
            top.close();
        }
    }

    private ObjectiveChain build(NDManager manager, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        SmallEncoders encoders = new SmallEncoders(manager, CHANNELS, IMAGE_SIZE);
        return Chains.of(RunModules.builder().encoders(encoders).manager(manager).batchSize(batchSize)
                .datasetSize(DATASET_SIZE).images(IMAGE_SIZE, CHANNELS).weakScale(0.2, 1), sections, chain);
    }

    private static void checkViews(List<ViewRequest> views) {
        require(!views.isEmpty(), "views() is empty");
        Set<String> names = new HashSet<>();
        for (ViewRequest view : views) {
            require(names.add(view.name()), "views() names '" + view.name() + "' twice");
        }
        require(!views.get(0).policies().isEmpty() && views.get(0).policies().get(0).equals("weak"),
                "the first view must be the weak query view (policies starting with weak), got " + views.get(0));
    }

    /** One step as the runtime runs it, with the per-step checks. */
    private void train(ObjectiveChain top, NDManager manager, int step) {
        top.beforeStep(TrainingProgress.of(step, STEPS, 0));
        try (NDManager stepManager = manager.newSubManager()) {
            ViewBatch batch = TestImages.batch(stepManager, top.views(), batchSize, CHANNELS, step, DATASET_SIZE);
            StepResult result;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                result = top.forward(batch);
                require(result != null && result.loss() != null, "forward returned no loss");
                collector.backward(result.loss());
            }
            checkResult(top, result);
            require(sgd(top.trainableParameters()), "the loss reaches none of trainableParameters() (all gradients 0)");
            top.afterStep();
        }
    }

    private void checkResult(ObjectiveChain top, StepResult result) {
        NDArray loss = result.loss();
        require(loss.size() == 1 && Float.isFinite(loss.getFloat()), "the loss must be a finite scalar, got " + loss);
        NDArray queries = result.weakQueries();
        require(queries != null && queries.getShape().dimension() == 2 && queries.getShape().get(0) == batchSize,
                "weakQueries must be N x D, got " + (queries == null ? null : queries.getShape()));
        float[] norms = queries.norm(new int[] {1}).toFloatArray();
        for (float norm : norms) {
            require(Math.abs(norm - 1) < 1e-3, "weakQueries must be L2-normalised, a row has norm " + norm);
        }
        require(result.weakFeatures() != null && result.weakFeatures().getShape().get(0) == batchSize,
                "weakFeatures (the online probe's input) must be N x F");
        if (top.providesBank()) {
            require(result.bank() != null, "providesBank() is true but the step has no bank");
            NDArray similarities = result.bank().similarities(queries);
            require(similarities.getShape().dimension() == 2 && similarities.getShape().get(0) == batchSize,
                    "bank similarities must be N x K, got " + similarities.getShape());
        }
    }

    /** Plain SGD; tells whether any gradient was non-zero. */
    private static boolean sgd(List<Parameter> parameters) {
        boolean reached = false;
        for (Parameter parameter : parameters) {
            NDArray weight = parameter.getArray();
            try (NDArray grad = weight.getGradient(); NDArray delta = grad.mul(LR); NDArray size = grad.abs();
                 NDArray total = size.sum()) {
                reached |= total.getFloat() > 0;
                weight.subi(delta);
                grad.subi(grad);
            }
        }
        return reached;
    }

    /** A fresh chain given the trained chain's state must compute the same loss. */
    private void checkRestores(ObjectiveChain trained, ObjectiveChain fresh, NDManager manager) {
        Map<String, NDArray> from = trained.state();
        Map<String, NDArray> to = fresh.state();
        require(from.keySet().equals(to.keySet()), "two chains built alike name their state differently: "
                + new TreeSet<>(from.keySet()) + " and " + new TreeSet<>(to.keySet()));
        from.forEach((name, array) -> {
            require(array.getShape().equals(to.get(name).getShape()), "state '" + name + "' changes shape");
            array.copyTo(to.get(name));
        });
        float trainedLoss = lossOn(trained, manager);
        float freshLoss = lossOn(fresh, manager);
        require(Math.abs(trainedLoss - freshLoss) <= 1e-4 * Math.max(1, Math.abs(trainedLoss)),
                "a chain given the state of another computes loss " + freshLoss + " instead of " + trainedLoss
                        + ": state() misses something the loss depends on");
        fresh.close();
    }

    private float lossOn(ObjectiveChain top, NDManager manager) {
        top.beforeStep(TrainingProgress.of(STEPS, STEPS + 1, 1));
        try (NDManager stepManager = manager.newSubManager()) {
            return top.forward(TestImages.batch(stepManager, top.views(), batchSize, CHANNELS, STEPS,
                    DATASET_SIZE)).loss().getFloat();
        }
    }

    private static void require(boolean condition, String rule) {
        if (!condition) {
            throw new AssertionError("objective contract: " + rule);
        }
    }
}
