package dev.contrastive.simsiam;

import ai.djl.ndarray.NDArray;
import dev.contrastive.api.BaseContext;
import dev.contrastive.api.BaseRun;
import dev.contrastive.api.Encoder;
import dev.contrastive.api.Head;
import dev.contrastive.api.StepResult;
import dev.contrastive.api.ViewBatch;
import dev.contrastive.api.ViewRequest;

import java.util.List;

/**
 * One SimSiam run: one encoder with a three-layer projector (BatchNorm after every layer) and a
 * bottleneck predictor; each view's prediction regresses the other view's projection, whose
 * gradient is stopped. No teacher, no negatives: the stop-gradient alone keeps it from collapsing,
 * and the runtime's collapse watch reports it when it does.
 */
final class SimsiamTraining implements BaseRun {

    static final String FIRST_VIEW = "view1";
    static final String SECOND_VIEW = "view2";

    private final Encoder encoder;
    private final Head predictor;
    private final List<ViewRequest> views;

    SimsiamTraining(BaseContext context, SimsiamConfig config) {
        int dim = context.headDim();
        this.encoder = context.encoder("encoder", SimsiamHeads.projector(context.headHidden(), dim));
        this.predictor = context.head("predictor", dim, SimsiamHeads.predictor(config.predictorHidden(dim), dim));
        if (config.fixedPredictorLr()) {
            context.holdLearningRate(predictor);
        }
        this.views = List.of(context.weakView(FIRST_VIEW), context.weakView(SECOND_VIEW));
    }

    @Override
    public List<ViewRequest> views() {
        return views;
    }

    @Override
    public StepResult forward(ViewBatch batch) {
        Encoder.Encoding first = encoder.encode(batch.view(FIRST_VIEW), true);
        Encoder.Encoding second = encoder.encode(batch.view(SECOND_VIEW), true);
        NDArray p1 = predictor.forward(first.projection(), true);
        NDArray p2 = predictor.forward(second.projection(), true);
        NDArray loss = SimsiamLoss.symmetric(p1, p2, first.projection(), second.projection());
        return StepResult.builder(loss).term("L_C", loss).weakQueries(SimsiamLoss.unit(p1))
                .weakFeatures(first.features().stopGradient())
                .bank(new SimsiamBank(SimsiamLoss.target(first.projection()), SimsiamLoss.target(second.projection())))
                .build();
    }

    /** The predictor over the projection, L2-normalised: the online query path. */
    @Override
    public NDArray embedQuery(NDArray images) {
        return SimsiamLoss.unit(predictor.forward(encoder.encode(images, true).projection(), true));
    }

    @Override
    public boolean providesBank() {
        return true;
    }

    @Override
    public boolean providesContrastiveLoss() {
        return true;
    }

    @Override
    public Encoder onlineEncoder() {
        return encoder;
    }
}
