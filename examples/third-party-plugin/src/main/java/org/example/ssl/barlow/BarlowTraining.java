package org.example.ssl.barlow;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.contrastive.api.Encoder;
import dev.contrastive.api.ObjectiveContext;
import dev.contrastive.api.RepresentationBank;
import dev.contrastive.api.StepResult;
import dev.contrastive.api.TrainingObjective;
import dev.contrastive.api.ViewBatch;
import dev.contrastive.api.ViewRequest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Barlow Twins run: both weak views through the same online encoder (its projection head with
 * BatchNorm), the {@link CrossCorrelationLoss} of their raw projections. No target encoder, no
 * queue, so nothing happens after the optimiser step.
 */
final class BarlowTraining implements TrainingObjective {

    /** The weak query view, first as the API requires. */
    static final String FIRST_VIEW = "view1";
    /** The second weak view. */
    static final String SECOND_VIEW = "view2";

    private final BarlowConfig config;
    private final Encoder encoder;
    private final List<ViewRequest> views;

    /**
     * @param context the run's context; its encoder factory builds the one encoder
     * @param config the bound {@code barlow:} section
     */
    BarlowTraining(ObjectiveContext context, BarlowConfig config) {
        this.config = config;
        this.encoder = context.encoders().create(true, true);
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
    public void afterStep(StepResult step) {
        // no momentum encoder and no queue: the optimiser step is the whole update
    }

    @Override
    public Encoder onlineEncoder() {
        return encoder;
    }

    @Override
    public List<Parameter> trainableParameters() {
        return encoder.trainableParameters();
    }

    /** The encoder's arrays under {@code online.}, names that must stay stable for checkpoints. */
    @Override
    public Map<String, NDArray> state() {
        Map<String, NDArray> state = new LinkedHashMap<>();
        encoder.state().forEach((name, array) -> state.put("online." + name, array));
        return state;
    }
}
