package dev.contrastive.mocov3;

import ai.djl.ndarray.NDArray;
import dev.contrastive.api.BaseContext;
import dev.contrastive.api.BaseRun;
import dev.contrastive.api.Encoder;
import dev.contrastive.api.Head;
import dev.contrastive.api.Momentum;
import dev.contrastive.api.StepResult;
import dev.contrastive.api.ViewBatch;
import dev.contrastive.api.ViewRequest;

import java.util.List;

/**
 * One MoCo v3 run: the online encoder (three-layer projector) and a predictor make the queries; a
 * momentum encoder (a teacher whose momentum rises to 1 on a cosine over the run, the same piece of
 * the SPI as BYOL's target) makes the keys; each view's queries contrast with the other view's keys
 * of the batch.
 */
final class Mocov3Training implements BaseRun {

    static final String FIRST_VIEW = "view1";
    static final String SECOND_VIEW = "view2";

    private final Encoder online;
    private final Head predictor;
    private final Encoder momentum;
    private final double temperature;
    private final List<ViewRequest> views;

    Mocov3Training(BaseContext context, Mocov3Config config) {
        int dim = context.headDim();
        int hidden = context.headHidden();
        this.online = context.encoder("online", Mocov3Heads.projector(hidden, dim));
        this.predictor = context.head("predictor", dim, Mocov3Heads.predictor(hidden, dim));
        this.momentum = context.teacher("momentum", online, Momentum.cosineToOne(config.momentum()));
        this.temperature = config.temperature();
        this.views = List.of(context.weakView(FIRST_VIEW), context.weakView(SECOND_VIEW));
    }

    @Override
    public List<ViewRequest> views() {
        return views;
    }

    @Override
    public StepResult forward(ViewBatch batch) {
        Encoder.Encoding first = online.encode(batch.view(FIRST_VIEW), true);
        NDArray q1 = query(first);
        NDArray q2 = query(online.encode(batch.view(SECOND_VIEW), true));
        NDArray k1 = momentum.embed(batch.view(FIRST_VIEW), true).stopGradient();
        NDArray k2 = momentum.embed(batch.view(SECOND_VIEW), true).stopGradient();
        NDArray loss = Mocov3Loss.symmetric(q1, q2, k1, k2, temperature);
        return StepResult.builder(loss).term("L_C", loss).weakQueries(q1)
                .weakFeatures(first.features().stopGradient()).bank(new Mocov3Bank(k1, k2, temperature)).build();
    }

    @Override
    public NDArray embedQuery(NDArray images) {
        return query(online.encode(images, true));
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
        return online;
    }

    /** The predictor over an encoding's projection, L2-normalised: the online query path. */
    private NDArray query(Encoder.Encoding encoding) {
        return predictor.forward(encoding.projection(), true).normalize(2, 1, 1e-12);
    }
}
