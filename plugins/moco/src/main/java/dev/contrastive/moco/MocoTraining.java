package dev.contrastive.moco;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.contrastive.api.EmbeddingQueue;
import dev.contrastive.api.Encoder;
import dev.contrastive.api.ObjectiveContext;
import dev.contrastive.api.StepResult;
import dev.contrastive.api.TrainingObjective;
import dev.contrastive.api.ViewBatch;
import dev.contrastive.api.ViewRequest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One MoCo v2 run: a query encoder trained by InfoNCE against keys from a momentum encoder,
 * with a queue of past keys as negatives.
 */
final class MocoTraining implements TrainingObjective {

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

    MocoTraining(ObjectiveContext context, MocoConfig config, List<ViewRequest> views) {
        this.config = config;
        this.views = views;
        this.query = context.encoders().create(true);
        this.key = context.encoders().create(false);
        key.copyFrom(query);
        this.queue = new EmbeddingQueue(context.manager(), config.queue(), query.embeddingSize(),
                context.encoders().dataType());
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

    /** Momentum update of the key encoder, then the step's keys enter the queue. */
    @Override
    public void afterStep(StepResult step) {
        key.followEma(query, config.momentum());
        queue.enqueue(stepKeys);
        stepKeys = null;
    }

    @Override
    public Encoder onlineEncoder() {
        return query;
    }

    @Override
    public List<Parameter> trainableParameters() {
        return query.trainableParameters();
    }

    @Override
    public Map<String, NDArray> state() {
        Map<String, NDArray> state = new LinkedHashMap<>();
        query.state().forEach((name, array) -> state.put("query." + name, array));
        key.state().forEach((name, array) -> state.put("key." + name, array));
        state.put("queue.keys", queue.rows());
        state.put("queue.pointer", queue.pointer());
        return state;
    }
}
