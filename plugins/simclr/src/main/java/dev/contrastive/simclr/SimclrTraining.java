package dev.contrastive.simclr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import dev.contrastive.api.Encoder;
import dev.contrastive.api.ObjectiveContext;
import dev.contrastive.api.StepResult;
import dev.contrastive.api.TrainingObjective;
import dev.contrastive.api.ViewBatch;
import dev.contrastive.api.ViewRequest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One SimCLR run: both views through the same encoder and head, NT-Xent over the batch. */
final class SimclrTraining implements TrainingObjective {

    static final String FIRST_VIEW = "view1";
    static final String SECOND_VIEW = "view2";

    private final SimclrConfig config;
    private final Encoder encoder;
    private final List<ViewRequest> views;

    SimclrTraining(ObjectiveContext context, SimclrConfig config) {
        this.config = config;
        this.encoder = context.encoders().create(true);
        this.views = List.of(context.weakView(FIRST_VIEW), context.weakView(SECOND_VIEW));
    }

    @Override
    public List<ViewRequest> views() {
        return views;
    }

    /** Each view in its own forward pass, so BatchNorm sees one view's statistics at a time. */
    @Override
    public StepResult forward(ViewBatch batch) {
        Encoder.Encoding a = encoder.encode(batch.view(FIRST_VIEW), true);
        NDArray b = encoder.embed(batch.view(SECOND_VIEW), true);
        NDArray loss = NtXent.loss(a.embedding(), b, config.temperature());
        NDArray views = NDArrays.concat(new NDList(a.embedding(), b), 0).stopGradient();
        return StepResult.builder(loss).term("L_C", loss).weakQueries(a.embedding())
                .weakFeatures(a.features().stopGradient()).bank(new SimclrBank(views, config.temperature())).build();
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
    public void afterStep(StepResult step) {
    }

    @Override
    public Encoder onlineEncoder() {
        return encoder;
    }

    @Override
    public List<Parameter> trainableParameters() {
        return encoder.trainableParameters();
    }

    @Override
    public Map<String, NDArray> state() {
        Map<String, NDArray> state = new LinkedHashMap<>();
        encoder.state().forEach((name, array) -> state.put("encoder." + name, array));
        return state;
    }
}
