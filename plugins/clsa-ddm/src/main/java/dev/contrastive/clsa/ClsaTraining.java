package dev.contrastive.clsa;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.contrastive.api.Encoder;
import dev.contrastive.api.RepresentationBank;
import dev.contrastive.api.Scalars;
import dev.contrastive.api.StepResult;
import dev.contrastive.api.TrainingObjective;
import dev.contrastive.api.ViewBatch;
import dev.contrastive.api.ViewRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CLSA over any base, as the official code computes it: every view goes through the base's
 * online query path with gradients; each extra weak query adds the base's contrastive term
 * ({@code L_Cx}), and every (weak query, strong view) pair adds the divergence of the strong
 * view's distribution over the base's candidates from the weak query's ({@code L_D}); or, with
 * {@code loss: positive}, each strong view adds the base's contrastive term instead
 * ({@code L_S}). Everything else (encoders, bank updates, state) is the base's.
 */
final class ClsaTraining implements TrainingObjective {

    private final TrainingObjective base;
    private final ClsaConfig config;
    private final List<ViewRequest> extraQueries;
    private final List<ViewRequest> strongViews;
    private final List<ViewRequest> views;

    ClsaTraining(TrainingObjective base, ClsaConfig config, List<ViewRequest> extraQueries,
            List<ViewRequest> strongViews) {
        this.base = base;
        this.config = config;
        this.extraQueries = List.copyOf(extraQueries);
        this.strongViews = List.copyOf(strongViews);
        List<ViewRequest> all = new ArrayList<>(base.views());
        all.addAll(extraQueries);
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
        RepresentationBank bank = step.bank();
        List<NDArray> weak = new ArrayList<>(List.of(bank.similarities(step.weakQueries())));
        NDArray extraContrastive = null;
        for (ViewRequest view : extraQueries) {
            NDArray queries = base.embedQuery(batch.view(view.name()));
            weak.add(bank.similarities(queries));
            extraContrastive = sum(extraContrastive, bank.contrastiveLoss(queries));
        }
        if (extraContrastive != null) {
            step = step.plus("L_Cx", extraContrastive, 1);
        }
        boolean positive = config.loss().equals(ClsaConfig.POSITIVE);
        NDArray strongTerm = null;
        for (ViewRequest view : strongViews) {
            NDArray queries = base.embedQuery(batch.view(view.name()));
            if (positive) {
                strongTerm = sum(strongTerm, bank.contrastiveLoss(queries));
                continue;
            }
            NDArray strong = bank.similarities(queries);
            for (NDArray weakSimilarities : weak) {
                strongTerm = sum(strongTerm, DistributionalDivergence.loss(weakSimilarities, strong, config.temperature()));
            }
        }
        if (config.reduction().equals("mean")) {
            strongTerm = Scalars.divide(strongTerm, positive ? strongViews.size() : strongViews.size() * weak.size());
        }
        return step.plus(positive ? "L_S" : "L_D", strongTerm, config.beta());
    }

    private static NDArray sum(NDArray total, NDArray term) {
        return total == null ? term : total.add(term);
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
    public boolean providesContrastiveLoss() {
        return base.providesContrastiveLoss();
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
