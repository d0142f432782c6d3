package dev.contrastive.byol;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.contrastive.api.EmbeddingQueue;
import dev.contrastive.api.Encoder;
import dev.contrastive.api.Head;
import dev.contrastive.api.ObjectiveContext;
import dev.contrastive.api.StepResult;
import dev.contrastive.api.TrainingObjective;
import dev.contrastive.api.TrainingProgress;
import dev.contrastive.api.ViewBatch;
import dev.contrastive.api.ViewRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One BYOL run: the online encoder and projector, then a predictor, regress the projections of
 * a target encoder and projector that follow the online ones by EMA, symmetrised over the two
 * views. Projector and predictor carry BatchNorm after their hidden layer, as BYOL's do.
 */
final class ByolTraining implements TrainingObjective {

    static final String FIRST_VIEW = "view1";
    static final String SECOND_VIEW = "view2";

    private final ByolConfig config;
    private final Encoder online;
    private final Head predictor;
    private final Encoder target;
    private final EmbeddingQueue queue;
    private final List<ViewRequest> views;
    private double momentum;
    /** This step's target projections of the second view, from forward to the queue. */
    private NDArray stepTargets;

    ByolTraining(ObjectiveContext context, ByolConfig config) {
        this.config = config;
        this.online = context.encoders().create(true, true);
        this.predictor = context.encoders().createHead(online.embeddingSize(), true);
        this.target = context.encoders().create(false, true);
        target.copyFrom(online);
        this.queue = config.queue() > 0
                ? new EmbeddingQueue(context.manager(), config.queue(), online.embeddingSize(),
                        context.encoders().dataType()) : null;
        this.views = List.of(context.weakView(FIRST_VIEW), context.weakView(SECOND_VIEW));
        this.momentum = config.momentum();
    }

    @Override
    public List<ViewRequest> views() {
        return views;
    }

    @Override
    public void beforeStep(TrainingProgress progress) {
        momentum = MomentumSchedule.at(config.momentum(), progress);
    }

    @Override
    public StepResult forward(ViewBatch batch) {
        Encoder.Encoding first = online.encode(batch.view(FIRST_VIEW), true);
        NDArray p1 = predict(first);
        NDArray p2 = predict(online.encode(batch.view(SECOND_VIEW), true));
        NDArray t1 = target.embed(batch.view(FIRST_VIEW), true).stopGradient();
        NDArray t2 = target.embed(batch.view(SECOND_VIEW), true).stopGradient();
        NDArray loss = Regression.loss(p1, t2).add(Regression.loss(p2, t1));
        stepTargets = t2;
        return StepResult.builder(loss).term("L_C", loss).weakQueries(p1)
                .weakFeatures(first.features().stopGradient())
                .bank(new ByolBank(t1, t2, queue == null ? null : queue.rows())).build();
    }

    @Override
    public NDArray embedQuery(NDArray images) {
        return predict(online.encode(images, true));
    }

    @Override
    public boolean providesBank() {
        return true;
    }

    @Override
    public boolean providesContrastiveLoss() {
        return true;
    }

    /** Momentum update of the target, then the step's target projections enter the queue. */
    @Override
    public void afterStep(StepResult step) {
        target.followEma(online, momentum);
        if (queue != null) {
            queue.enqueue(stepTargets);
        }
        stepTargets = null;
    }

    @Override
    public Encoder onlineEncoder() {
        return online;
    }

    @Override
    public List<Parameter> trainableParameters() {
        List<Parameter> parameters = new ArrayList<>(online.trainableParameters());
        parameters.addAll(predictor.trainableParameters());
        return parameters;
    }

    @Override
    public Map<String, NDArray> state() {
        Map<String, NDArray> state = new LinkedHashMap<>();
        online.state().forEach((name, array) -> state.put("online." + name, array));
        predictor.state().forEach((name, array) -> state.put("predictor." + name, array));
        target.state().forEach((name, array) -> state.put("target." + name, array));
        if (queue != null) {
            state.put("queue.rows", queue.rows());
            state.put("queue.pointer", queue.pointer());
        }
        return state;
    }

    /** The predictor over an encoding's projection, L2-normalised: the online query path. */
    private NDArray predict(Encoder.Encoding encoding) {
        return predictor.forward(encoding.projection(), true).normalize(2, 1, 1e-12);
    }
}
