package dev.contrastive.clsa;

import ai.djl.ndarray.NDArray;
import dev.contrastive.api.AddOnRun;
import dev.contrastive.api.BaseStep;
import dev.contrastive.api.RepresentationBank;
import dev.contrastive.api.Scalars;
import dev.contrastive.api.Terms;
import dev.contrastive.api.ViewBatch;
import dev.contrastive.api.ViewRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * CLSA over any base, as the official code computes it: every view goes through the base's
 * online query path with gradients; each extra weak query adds the base's contrastive term
 * ({@code L_Cx}), and every (weak query, strong view) pair adds the divergence of the strong
 * view's distribution over the base's candidates from the weak query's ({@code L_D}); or, with
 * {@code loss: positive}, each strong view adds the base's contrastive term instead
 * ({@code L_S}). Encoders, bank updates and state are the base's; this adds terms only.
 */
final class ClsaTraining implements AddOnRun {

    private final ClsaConfig config;
    private final List<ViewRequest> extraQueries;
    private final List<ViewRequest> strongViews;
    private final List<ViewRequest> views;

    ClsaTraining(ClsaConfig config, List<ViewRequest> extraQueries, List<ViewRequest> strongViews) {
        this.config = config;
        this.extraQueries = List.copyOf(extraQueries);
        this.strongViews = List.copyOf(strongViews);
        List<ViewRequest> all = new ArrayList<>(extraQueries);
        all.addAll(strongViews);
        this.views = List.copyOf(all);
    }

    @Override
    public List<ViewRequest> views() {
        return views;
    }

    @Override
    public Terms forward(BaseStep step) {
        RepresentationBank bank = step.bank();
        ViewBatch batch = step.batch();
        Terms terms = Terms.of();
        List<NDArray> weak = new ArrayList<>(List.of(bank.similarities(step.result().weakQueries())));
        NDArray extraContrastive = null;
        for (ViewRequest view : extraQueries) {
            NDArray queries = step.embedQuery(batch.view(view.name()));
            weak.add(bank.similarities(queries));
            extraContrastive = sum(extraContrastive, bank.contrastiveLoss(queries));
        }
        if (extraContrastive != null) {
            terms.add("L_Cx", extraContrastive, 1);
        }
        boolean positive = config.loss().equals(ClsaConfig.POSITIVE);
        NDArray strongTerm = null;
        for (ViewRequest view : strongViews) {
            NDArray queries = step.embedQuery(batch.view(view.name()));
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
        return terms.add(positive ? "L_S" : "L_D", strongTerm, config.beta());
    }

    private static NDArray sum(NDArray total, NDArray term) {
        return total == null ? term : total.add(term);
    }
}
