package dev.contrastive.clsa;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.contrastive.api.Encoder;
import dev.contrastive.api.Scalars;
import dev.contrastive.api.StepResult;
import dev.contrastive.api.TrainingObjective;
import dev.contrastive.api.ViewBatch;
import dev.contrastive.api.ViewRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CLSA over any base: strong views go through the base's online query path with gradients, and
 * their distribution over the base's candidates is pulled towards the weak query's. Everything
 * else (encoders, bank updates, state) is the base's.
 */
final class ClsaTraining implements TrainingObjective {

    private final TrainingObjective base;
    private final ClsaConfig config;
    private final List<ViewRequest> strongViews;
    private final List<ViewRequest> views;

    ClsaTraining(TrainingObjective base, ClsaConfig config, List<ViewRequest> strongViews) {
        this.base = base;
        this.config = config;
        this.strongViews = List.copyOf(strongViews);
        List<ViewRequest> all = new ArrayList<>(base.views());
        all.addAll(strongViews);
        this.views = List.copyOf(all);
    }

    @Override
    public List<ViewRequest> views() {
        return views;
    }

    @Override
    public StepResult forward(ViewBatch batch) {
        StepResult step = base.forward(batch);
        NDArray weak = step.bank().similarities(step.weakQueries());
        NDArray divergence = null;
        for (ViewRequest view : strongViews) {
            NDArray strong = step.bank().similarities(base.embedQuery(batch.view(view.name())));
            NDArray term = DistributionalDivergence.loss(weak, strong, config.temperature());
            divergence = divergence == null ? term : divergence.add(term);
        }
        if (config.reduction().equals("mean")) {
            divergence = Scalars.divide(divergence, strongViews.size());
        }
        return step.plus("L_D", divergence, config.beta());
    }

    @Override
    public NDArray embedQuery(NDArray images) {
        return base.embedQuery(images);
    }

    @Override
    public boolean providesBank() {
        return base.providesBank();
    }

    @Override
    public void afterStep(StepResult step) {
        base.afterStep(step);
    }

    @Override
    public Encoder onlineEncoder() {
        return base.onlineEncoder();
    }

    @Override
    public List<Parameter> trainableParameters() {
        return base.trainableParameters();
    }

    @Override
    public Map<String, NDArray> state() {
        return base.state();
    }

    @Override
    public void close() {
        base.close();
    }
}
