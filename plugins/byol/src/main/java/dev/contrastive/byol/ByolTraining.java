package dev.contrastive.byol;

import ai.djl.ndarray.NDArray;
import dev.contrastive.api.BaseContext;
import dev.contrastive.api.BaseRun;
import dev.contrastive.api.EmbeddingQueue;
import dev.contrastive.api.Encoder;
import dev.contrastive.api.Head;
import dev.contrastive.api.HeadSpec;
import dev.contrastive.api.Momentum;
import dev.contrastive.api.StepResult;
import dev.contrastive.api.ViewBatch;
import dev.contrastive.api.ViewRequest;
import dev.contrastive.api.losses.CosineRegression;

import java.util.List;

/**
 * One BYOL run: the online encoder and projector, then a predictor, regress the projections of
 * a target (a teacher whose momentum rises to 1 on a cosine over the run), symmetrised over the
 * two views. Projector and predictor carry BatchNorm after their hidden layer, as BYOL's do.
 */
final class ByolTraining implements BaseRun {

    static final String FIRST_VIEW = "view1";
    static final String SECOND_VIEW = "view2";

    private final Encoder online;
    private final Head predictor;
    private final Encoder target;
    private final EmbeddingQueue queue;
    private final List<ViewRequest> views;
    /** This step's target projections of the second view, from forward to the queue. */
    private NDArray stepTargets;

    ByolTraining(BaseContext context, ByolConfig config) {
        HeadSpec projector = config.projectorSpec();
        HeadSpec predictor = config.predictorSpec();
        this.online = projector == null ? context.encoder("online", true) : context.encoder("online", projector);
        this.predictor = predictor == null ? context.head("predictor", online.embeddingSize(), true)
                : context.head("predictor", online.embeddingSize(), predictor);
        this.target = context.teacher("target", online, Momentum.cosineToOne(config.momentum()));
        this.queue = config.queue() > 0
                ? new EmbeddingQueue(context.manager(), config.queue(), online.embeddingSize(), context.dataType())
                : null;
        if (queue != null) {
            context.state("queue.rows", queue.rows());
            context.state("queue.pointer", queue.pointer());
        }
        this.views = config.augmentation().equals("asymmetric")
                ? List.of(context.weakView(FIRST_VIEW).withSetting("weak", "blur_p", 1.0).withSetting("weak", "solarize_p", 0.0),
                        context.weakView(SECOND_VIEW).withSetting("weak", "blur_p", 0.1).withSetting("weak", "solarize_p", 0.2))
                : List.of(context.weakView(FIRST_VIEW), context.weakView(SECOND_VIEW));
    }

    @Override
    public List<ViewRequest> views() {
        return views;
    }

    @Override
    public StepResult forward(ViewBatch batch) {
        Encoder.Encoding first = online.encode(batch.view(FIRST_VIEW), true);
        NDArray p1 = predict(first);
        NDArray p2 = predict(online.encode(batch.view(SECOND_VIEW), true));
        NDArray t1 = target.embed(batch.view(FIRST_VIEW), true).stopGradient();
        NDArray t2 = target.embed(batch.view(SECOND_VIEW), true).stopGradient();
        NDArray loss = CosineRegression.loss(p1, t2).add(CosineRegression.loss(p2, t1));
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

    /** After the target's EMA: the step's target projections enter the queue. */
    @Override
    public void afterStep() {
        if (queue != null) {
            queue.enqueue(stepTargets);
        }
        stepTargets = null;
    }

    @Override
    public Encoder onlineEncoder() {
        return online;
    }

    /** The predictor over an encoding's projection, L2-normalised: the online query path. */
    private NDArray predict(Encoder.Encoding encoding) {
        return predictor.forward(encoding.projection(), true).normalize(2, 1, 1e-12);
    }
}
