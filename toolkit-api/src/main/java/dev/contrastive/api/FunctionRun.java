package dev.contrastive.api;

import java.util.List;
import java.util.function.Function;

/** The {@link BaseRun} of {@link BaseRun#of} and {@link BaseRun#withBank}. */
final class FunctionRun implements BaseRun {

    private final List<ViewRequest> views;
    private final Encoder online;
    private final Function<ViewBatch, StepResult> forward;
    private final boolean bank;

    FunctionRun(List<ViewRequest> views, Encoder online, Function<ViewBatch, StepResult> forward, boolean bank) {
        this.views = List.copyOf(views);
        this.online = online;
        this.forward = forward;
        this.bank = bank;
    }

    @Override
    public List<ViewRequest> views() {
        return views;
    }

    @Override
    public StepResult forward(ViewBatch batch) {
        return forward.apply(batch);
    }

    @Override
    public boolean providesBank() {
        return bank;
    }

    @Override
    public boolean providesContrastiveLoss() {
        return bank;
    }

    @Override
    public Encoder onlineEncoder() {
        return online;
    }
}
