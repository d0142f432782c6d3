package dev.contrastive.api.host;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import dev.contrastive.api.BaseContext;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.ConfigSection;
import dev.contrastive.api.Encoder;
import dev.contrastive.api.EncoderFactory;
import dev.contrastive.api.Head;
import dev.contrastive.api.HeadSpec;
import dev.contrastive.api.Momentum;
import dev.contrastive.api.SourceLocation;
import dev.contrastive.api.TrainingProgress;
import dev.contrastive.api.ViewRequest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@link BaseContext} of one run: makes the base's parts and keeps the register of what to
 * train (parameters in the order made), what to update after each step (teachers) and what to
 * checkpoint (state by name, refused when two parts claim one).
 */
public final class RunModules implements BaseContext {

    /** A teacher and the encoder it follows. */
    private record Teacher(Encoder teacher, Encoder online, Momentum momentum) {
    }

    /** A teacher of a head and the head it follows. */
    private record HeadTeacher(Head teacher, Head online, Momentum momentum) {
    }

    private final Builder facts;
    private final List<Parameter> parameters = new ArrayList<>();
    private final Map<String, NDArray> state = new LinkedHashMap<>();
    private final List<Teacher> teachers = new ArrayList<>();
    private final List<HeadTeacher> headTeachers = new ArrayList<>();
    /** Parameters trained at the peak learning rate throughout ({@link #holdLearningRate}). */
    private final List<Parameter> held = new ArrayList<>();
    /** How each head made here is built again, for {@link #holdLearningRate} and its teacher. */
    private final Map<Head, Supplier<Head>> heads = new IdentityHashMap<>();
    /** How each encoder made here is built again, untrainable, for its teacher. */
    private final Map<Encoder, Supplier<Encoder>> alike = new IdentityHashMap<>();

    private RunModules(Builder facts) {
        this.facts = facts;
    }

    /** A builder with no parts set: set config, encoders and manager at least. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ConfigSection config() {
        return facts.config;
    }

    @Override
    public ConfigException error(String key, String message) {
        return new ConfigException(facts.locator.apply(key), key + ": " + message);
    }

    @Override
    public int batchSize() {
        return facts.batchSize;
    }

    @Override
    public int datasetSize() {
        if (facts.datasetSize < 1) {
            throw new UnsupportedOperationException("this run was built without its data set's size");
        }
        return facts.datasetSize;
    }

    @Override
    public int imageSize() {
        return facts.imageSize;
    }

    @Override
    public int channels() {
        return facts.channels;
    }

    @Override
    public ViewRequest weakView(String name) {
        return ViewRequest.of(name, facts.weakPolicies, facts.imageSize, facts.weakMinScale, facts.weakMaxScale);
    }

    @Override
    public NDManager manager() {
        return facts.manager;
    }

    @Override
    public DataType dataType() {
        return facts.encoders.dataType();
    }

    @Override
    public Encoder encoder(String name, boolean batchNorm) {
        return register(name, facts.encoders.create(true, batchNorm), () -> facts.encoders.create(false, batchNorm));
    }

    @Override
    public Encoder encoder(String name, HeadSpec projector) {
        Encoder encoder = facts.encoders.create(true, projector);
        projector.checkInput(encoder.featureSize(), facts.config);
        return register(name, encoder, () -> facts.encoders.create(false, projector));
    }

    private Encoder register(String name, Encoder encoder, Supplier<Encoder> untrainable) {
        alike.put(encoder, untrainable);
        parameters.addAll(encoder.trainableParameters());
        saveUnder(name, encoder.state());
        return encoder;
    }

    @Override
    public Encoder teacher(String name, Encoder online, Momentum momentum) {
        Supplier<Encoder> untrainable = alike.get(online);
        if (untrainable == null) {
            throw new IllegalArgumentException("a teacher follows an encoder made by this context; '" + name
                    + "' was asked to follow another");
        }
        Encoder teacher = untrainable.get();
        teacher.copyFrom(online);
        teachers.add(new Teacher(teacher, online, Objects.requireNonNull(momentum, "momentum")));
        saveUnder(name, teacher.state());
        return teacher;
    }

    @Override
    public Head teacher(String name, Head online, Momentum momentum) {
        Supplier<Head> alikeHead = heads.get(online);
        if (alikeHead == null) {
            throw new IllegalArgumentException("a teacher follows a head made by this context; '" + name
                    + "' was asked to follow another");
        }
        Head teacher = alikeHead.get();
        teacher.trainableParameters().forEach(parameter -> parameter.freeze(true));
        Map<String, NDArray> from = online.state();
        teacher.state().forEach((part, array) -> from.get(part).copyTo(array));
        headTeachers.add(new HeadTeacher(teacher, online, Objects.requireNonNull(momentum, "momentum")));
        saveUnder(name, teacher.state());
        return teacher;
    }

    @Override
    public Head head(String name, int inputSize, boolean batchNorm) {
        return register(name, () -> facts.encoders.createHead(inputSize, batchNorm));
    }

    @Override
    public Head head(String name, int inputSize, HeadSpec spec) {
        spec.checkInput(inputSize, facts.config);
        return register(name, () -> facts.encoders.createHead(inputSize, spec));
    }

    private Head register(String name, Supplier<Head> alikeHead) {
        Head head = alikeHead.get();
        heads.put(head, alikeHead);
        parameters.addAll(head.trainableParameters());
        saveUnder(name, head.state());
        return head;
    }

    @Override
    public int headHidden() {
        return facts.encoders.headHidden();
    }

    @Override
    public int headDim() {
        return facts.encoders.headDim();
    }

    @Override
    public void holdLearningRate(Head head) {
        if (!heads.containsKey(head)) {
            throw new IllegalArgumentException("a held learning rate is for a head made by this context");
        }
        held.addAll(head.trainableParameters());
    }

    @Override
    public void state(String name, NDArray live) {
        NDArray before = state.putIfAbsent(name, live);
        if (before != null) {
            throw new IllegalArgumentException("two parts of the objective save the state '" + name + "'");
        }
    }

    private void saveUnder(String prefix, Map<String, NDArray> parts) {
        parts.forEach((name, array) -> state(prefix + "." + name, array));
    }

    /** Every trainable parameter made here, in the order made. */
    public List<Parameter> trainableParameters() {
        return Collections.unmodifiableList(parameters);
    }

    /** The parameters trained at the peak learning rate at every step, in the order held. */
    public List<Parameter> heldParameters() {
        return Collections.unmodifiableList(held);
    }

    /** Every part's state by name (live arrays), in the order made. */
    public Map<String, NDArray> state() {
        return Collections.unmodifiableMap(state);
    }

    /** Moves every teacher towards its online encoder or head with its momentum at {@code progress}. */
    public void updateTeachers(TrainingProgress progress) {
        for (Teacher t : teachers) {
            t.teacher().followEma(t.online(), t.momentum().at(progress));
        }
        for (HeadTeacher t : headTeachers) {
            followEma(t.teacher(), t.online(), t.momentum().at(progress));
        }
    }

    /**
     * {@code teacher = m · teacher + (1 − m) · online} for the arrays of the online head's
     * trainable parameters, matched by name (heads built alike); running statistics are not moved.
     */
    private static void followEma(Head teacher, Head online, double momentum) {
        Set<NDArray> learnable = Collections.newSetFromMap(new IdentityHashMap<>());
        online.trainableParameters().forEach(parameter -> learnable.add(parameter.getArray()));
        Map<String, NDArray> target = teacher.state();
        online.state().forEach((part, array) -> {
            if (learnable.contains(array)) {
                try (NDArray scaled = array.mul(1 - momentum)) {
                    target.get(part).muli(momentum).addi(scaled);
                }
            }
        });
    }

    /** Collects the run's facts. */
    public static final class Builder {

        private ConfigSection config;
        private EncoderFactory encoders;
        private NDManager manager;
        private int batchSize = 1;
        private int datasetSize;
        private int imageSize = 1;
        private int channels = 1;
        private double weakMinScale = 1;
        private double weakMaxScale = 1;
        private List<String> weakPolicies = List.of("weak");
        private Function<String, SourceLocation> locator = key -> new SourceLocation("run file", 0, 0);

        private Builder() {
        }

        /** The base's own run-file section. */
        public Builder config(ConfigSection config) {
            this.config = config;
            return this;
        }

        /** The run's encoder factory. */
        public Builder encoders(EncoderFactory encoders) {
            this.encoders = encoders;
            return this;
        }

        /** The run's long-lived manager. */
        public Builder manager(NDManager manager) {
            this.manager = manager;
            return this;
        }

        /** Images per batch. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Images in the training set ({@link BaseContext#datasetSize}); unset: unknown. */
        public Builder datasetSize(int images) {
            this.datasetSize = images;
            return this;
        }

        /** The data set's image side and channels. */
        public Builder images(int size, int channels) {
            this.imageSize = size;
            this.channels = channels;
            return this;
        }

        /** The weak views' crop area range, {@code augment.weak.scale}. */
        public Builder weakScale(double min, double max) {
            this.weakMinScale = min;
            this.weakMaxScale = max;
            return this;
        }

        /** The policies of the weak views, {@code weak} first. */
        public Builder weakPolicies(List<String> policies) {
            this.weakPolicies = List.copyOf(policies);
            return this;
        }

        /** Where a dotted run-file key is written, for {@link RunModules#error}. */
        public Builder locator(Function<String, SourceLocation> locator) {
            this.locator = Objects.requireNonNull(locator);
            return this;
        }

        /** The context; config, encoders and manager must be set. */
        public RunModules build() {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(encoders, "encoders");
            Objects.requireNonNull(manager, "manager");
            return new RunModules(this);
        }
    }
}
