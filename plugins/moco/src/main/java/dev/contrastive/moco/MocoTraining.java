package dev.contrastive.moco;

import ai.djl.ndarray.NDArray;
import dev.contrastive.api.BaseContext;
import dev.contrastive.api.BaseRun;
import dev.contrastive.api.EmbeddingQueue;
import dev.contrastive.api.Encoder;
import dev.contrastive.api.HeadSpec;
import dev.contrastive.api.Momentum;
import dev.contrastive.api.StepResult;
import dev.contrastive.api.ViewBatch;
import dev.contrastive.api.ViewRequest;
import dev.contrastive.api.losses.Candidates;

import java.util.List;

/**
 * One MoCo v2 run: a query encoder trained by InfoNCE against keys from a momentum encoder (a
 * teacher the runtime updates), with a queue of past keys as negatives.
 */
final class MocoTraining implements BaseRun {

    static final String QUERY_VIEW = "query";
    static final String KEY_VIEW = "key";

    private final MocoConfig config;
    private final Encoder query;
    private final Encoder key;
    private final EmbeddingQueue queue;
    private final Candidates candidates;
    private final List<ViewRequest> views;
    /** This step's keys, from forward to afterStep, where they enter the queue. */
    private NDArray stepKeys;

    MocoTraining(BaseContext context, MocoConfig config) {
        this.config = config;
        this.views = List.of(context.weakView(QUERY_VIEW), context.weakView(KEY_VIEW));
        HeadSpec projector = config.projectorSpec();
        this.query = projector == null ? context.encoder("query") : context.encoder("query", projector);
        this.key = context.teacher("key", query, Momentum.constant(config.momentum()));
        this.queue = new EmbeddingQueue(context.manager(), config.queue(), query.embeddingSize(), context.dataType());
        context.state("queue.keys", queue.rows());
        context.state("queue.pointer", queue.pointer());
        this.candidates = Candidates.named(config.candidates());
    }

    @Override
    public List<ViewRequest> views() {
        return views;
    }

    @Override
    public StepResult forward(ViewBatch batch) {
        Encoder.Encoding q = query.encode(batch.view(QUERY_VIEW), true);
        NDArray k = key.embed(batch.view(KEY_VIEW), true).stopGradient();
        MocoBank bank = new MocoBank(k, queue.rows(), candidates, config.temperature());
        NDArray loss = bank.contrastiveLoss(q.embedding());
        stepKeys = k;
        return StepResult.builder(loss).term("L_C", loss).weakQueries(q.embedding())
                .weakFeatures(q.features().stopGradient()).bank(bank).build();
    }

    @Override
    public boolean providesBank() {
        return true;
    }

    @Override
    public boolean providesContrastiveLoss() {
        return true;
    }

    /** After the key encoder's EMA: the step's keys enter the queue. */
    @Override
    public void afterStep() {
        queue.enqueue(stepKeys);
        stepKeys = null;
    }

    @Override
    public Encoder onlineEncoder() {
        return query;
    }
}
