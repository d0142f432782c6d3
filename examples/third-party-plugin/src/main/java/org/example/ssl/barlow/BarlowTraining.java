package org.example.ssl.barlow;

import ai.djl.ndarray.NDArray;
import dev.contrastive.api.BaseContext;
import dev.contrastive.api.BaseRun;
import dev.contrastive.api.Encoder;
import dev.contrastive.api.RepresentationBank;
import dev.contrastive.api.StepResult;
import dev.contrastive.api.ViewBatch;
import dev.contrastive.api.ViewRequest;

import java.util.List;

/**
 * One Barlow Twins run: both weak views through the same online encoder (its projection head with
 * BatchNorm), the {@link CrossCorrelationLoss} of their raw projections. No target encoder, no
 * queue, so nothing happens after the optimiser step, and the context keeps the encoder's
 * parameters and state.
 */
final class BarlowTraining implements BaseRun {

    /** The weak query view, first as the API requires. */
    static final String FIRST_VIEW = "view1";
    /** The second weak view. */
    static final String SECOND_VIEW = "view2";

    private final BarlowConfig config;
    private final Encoder encoder;
    private final List<ViewRequest> views;

    /**
     * @param context the run's context; it builds the one encoder, saved under {@code online.}
     * @param config the bound {@code barlow:} section
     */
    BarlowTraining(BaseContext context, BarlowConfig config) {
        this.config = config;
        this.encoder = context.encoder("online", true);
        this.views = List.of(context.weakView(FIRST_VIEW), context.weakView(SECOND_VIEW));
    }

    @Override
    public List<ViewRequest> views() {
        return views;
    }

    /**
     * Each view in its own forward pass, so the head's BatchNorm normalises one view at a time.
     * The loss takes the raw projections (Barlow Twins standardises them itself); add-ons get the
     * L2-normalised embeddings.
     */
    @Override
    public StepResult forward(ViewBatch batch) {
        Encoder.Encoding first = encoder.encode(batch.view(FIRST_VIEW), true);
        Encoder.Encoding second = encoder.encode(batch.view(SECOND_VIEW), true);
        NDArray loss = CrossCorrelationLoss.loss(first.projection(), second.projection(), config.lambda());
        // the candidates of sample i: the batch's second-view embeddings, constants (BYOL's batch-only shape)
        NDArray others = second.embedding().stopGradient();
        RepresentationBank bank = queries -> queries.matMul(others.transpose());
        return StepResult.builder(loss).term("L_C", loss).weakQueries(first.embedding())
                .weakFeatures(first.features().stopGradient()).bank(bank).build();
    }

    /** Every step's result has a bank, so CLSA accepts this base. */
    @Override
    public boolean providesBank() {
        return true;
    }

    @Override
    public Encoder onlineEncoder() {
        return encoder;
    }
}
