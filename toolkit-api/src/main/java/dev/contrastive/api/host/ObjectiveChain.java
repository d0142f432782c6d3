package dev.contrastive.api.host;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.contrastive.api.AddOnContext;
import dev.contrastive.api.AddOnObjective;
import dev.contrastive.api.AddOnRun;
import dev.contrastive.api.BaseObjective;
import dev.contrastive.api.BaseRun;
import dev.contrastive.api.BaseStep;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.ConfigSection;
import dev.contrastive.api.ContrastiveObjective;
import dev.contrastive.api.Encoder;
import dev.contrastive.api.StepResult;
import dev.contrastive.api.Terms;
import dev.contrastive.api.TrainingProgress;
import dev.contrastive.api.ViewBatch;
import dev.contrastive.api.ViewRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run's objectives composed: one base, then add-ons, each add-on's terms added to the result of
 * the base and the add-ons before it ({@code moco+clsa}). What the trainer drives, step by step:
 * {@link #beforeStep}, {@link #forward} inside the gradient collector, the optimiser update of
 * {@link #trainableParameters()}, then {@link #afterStep}.
 */
public final class ObjectiveChain implements AutoCloseable {

    /**
     * One objective of a chain and its bound settings.
     *
     * @param objective the extension
     * @param settings its bound run-file section, {@code null} for an objective without settings
     * @param section the section itself, for errors at its keys
     */
    public record Link(ContrastiveObjective<?> objective, Record settings, ConfigSection section) {
    }

    private final BaseRun base;
    private final List<AddOnRun> addOns;
    private final RunModules modules;
    private final List<ViewRequest> views;
    private TrainingProgress progress;

    private ObjectiveChain(BaseRun base, List<AddOnRun> addOns, RunModules modules) {
        this.base = base;
        this.addOns = List.copyOf(addOns);
        this.modules = modules;
        List<ViewRequest> all = new ArrayList<>(returned(base, base.views(), "views", "no views"));
        addOns.forEach(addOn -> all.addAll(returned(addOn, addOn.views(), "views", "no views")));
        this.views = List.copyOf(all);
    }

    /**
     * Creates the base with {@code modules}, then each add-on.
     *
     * @param links the base first, then the add-ons, as the run file names them
     * @param modules the base's context, made for this run
     */
    public static ObjectiveChain create(List<Link> links, RunModules modules) {
        Link first = links.get(0);
        if (!(first.objective() instanceof BaseObjective<?> baseObjective)) {
            throw new IllegalArgumentException(first.objective().name() + " is not a base objective");
        }
        BaseRun base = createBase(baseObjective, modules, first.settings());
        List<AddOnRun> addOns = new ArrayList<>();
        for (Link link : links.subList(1, links.size())) {
            if (!(link.objective() instanceof AddOnObjective<?> addOn)) {
                throw new IllegalArgumentException(link.objective().name() + " is not an add-on");
            }
            addOns.add(createAddOn(addOn, new AddOnFacts(modules, base, link.section()), link.settings()));
        }
        return new ObjectiveChain(base, addOns, modules);
    }

    @SuppressWarnings("unchecked")
    private static <S extends Record> BaseRun createBase(BaseObjective<S> objective, RunModules modules,
            Record settings) {
        return returned(objective, objective.create(modules, (S) settings), "create", "no run");
    }

    @SuppressWarnings("unchecked")
    private static <S extends Record> AddOnRun createAddOn(AddOnObjective<S> objective, AddOnContext context,
            Record settings) {
        return returned(objective, objective.create(context, (S) settings), "create", "no run");
    }

    /** {@code value}, unless the extension returned null where the SPI promises a value. */
    private static <T> T returned(Object extension, T value, String method, String what) {
        if (value == null) {
            throw new ContractViolation(extension.getClass(), extension.getClass().getName() + "." + method
                    + " returned " + what + " (null)");
        }
        return value;
    }

    /** Every view of the chain: the base's, then each add-on's. */
    public List<ViewRequest> views() {
        return views;
    }

    /** Tells the base where the run stands; the teachers' momentum follows the same progress. */
    public void beforeStep(TrainingProgress now) {
        this.progress = now;
        base.beforeStep(now);
    }

    /** The base's result with every add-on's terms added, in chain order. */
    public StepResult forward(ViewBatch batch) {
        StepResult result = returned(base, base.forward(batch), "forward", "no result");
        for (AddOnRun addOn : addOns) {
            Terms terms = returned(addOn, addOn.forward(new Step(result, batch)), "forward", "no terms");
            for (Terms.Term term : terms.list()) {
                result = result.plus(term.name(), term.value(), term.weight());
            }
        }
        return result;
    }

    /** The teachers' EMA at this step's momentum, then the base's own updates (queues). */
    public void afterStep() {
        if (progress == null) {
            throw new IllegalStateException("afterStep before any beforeStep: the teachers' momentum needs the progress");
        }
        modules.updateTeachers(progress);
        base.afterStep();
    }

    /** Whether every step's result carries the base's bank. */
    public boolean providesBank() {
        return base.providesBank();
    }

    /** The encoder that is evaluated and exported. */
    public Encoder onlineEncoder() {
        return base.onlineEncoder();
    }

    /** What the optimiser updates. */
    public List<Parameter> trainableParameters() {
        return modules.trainableParameters();
    }

    /** The parameters the optimiser trains at the run's peak learning rate at every step. */
    public List<Parameter> heldParameters() {
        return modules.heldParameters();
    }

    /** Every part's state by name, for checkpoints. */
    public Map<String, NDArray> state() {
        return modules.state();
    }

    @Override
    public void close() {
        base.close();
    }

    /** One step as an add-on sees it. */
    private final class Step implements BaseStep {

        private final StepResult result;
        private final ViewBatch batch;

        Step(StepResult result, ViewBatch batch) {
            this.result = result;
            this.batch = batch;
        }

        @Override
        public StepResult result() {
            return result;
        }

        @Override
        public ViewBatch batch() {
            return batch;
        }

        @Override
        public NDArray embedQuery(NDArray images) {
            return base.embedQuery(images);
        }
    }

    /** An add-on's context: the run's facts, its own section, and what the base offers. */
    private record AddOnFacts(RunModules modules, BaseRun base, ConfigSection config) implements AddOnContext {

        @Override
        public ConfigException error(String key, String message) {
            return modules.error(key, message);
        }

        @Override
        public int batchSize() {
            return modules.batchSize();
        }

        @Override
        public int imageSize() {
            return modules.imageSize();
        }

        @Override
        public NDManager manager() {
            return modules.manager();
        }

        @Override
        public List<ViewRequest> baseViews() {
            return base.views();
        }

        @Override
        public boolean baseProvidesBank() {
            return base.providesBank();
        }

        @Override
        public boolean baseProvidesContrastiveLoss() {
            return base.providesContrastiveLoss();
        }
    }
}
