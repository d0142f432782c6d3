package dev.contrastive.instdisc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.contrastive.api.BaseContext;
import dev.contrastive.api.BaseRun;
import dev.contrastive.api.Encoder;
import dev.contrastive.api.HeadSpec;
import dev.contrastive.api.HeadSpec.Layer;
import dev.contrastive.api.RepresentationBank;
import dev.contrastive.api.StepResult;
import dev.contrastive.api.TrainingProgress;
import dev.contrastive.api.ViewBatch;
import dev.contrastive.api.ViewRequest;

import java.util.List;
import java.util.SplittableRandom;

/**
 * One InstDisc run: one view of every image through the encoder (a linear head to
 * {@code model.head_dim}, L2-normalised); each sample's positive is its own memory-bank entry, its
 * negatives the step's drawn entries (or every other entry); after the step the batch's embeddings are written into
 * their entries with momentum. The bank and the seed of the draws are the run's state, so a
 * resumed run draws the same negatives.
 */
final class InstdiscTraining implements BaseRun {

    static final String VIEW = "view";

    private final InstdiscConfig config;
    private final Encoder encoder;
    private final MemoryBank bank;
    /** The seed the steps' draws derive from, drawn once from the run's seeded engine and checkpointed. */
    private final NDArray drawSeed;
    private final List<ViewRequest> views;
    private long step;
    /** The step's indices and embeddings, for the bank's update after the step. */
    private NDArray stepIndices;
    private NDArray stepEmbeddings;

    InstdiscTraining(BaseContext context, InstdiscConfig config) {
        this.config = config;
        int dim = context.headDim();
        this.encoder = context.encoder("encoder", HeadSpec.of(Layer.linear(dim)));
        this.bank = MemoryBank.uniform(context.manager(), context.datasetSize(), dim, context.dataType());
        context.state("bank", bank.rows());
        this.drawSeed = context.manager().randomInteger(0, Long.MAX_VALUE, new Shape(1), DataType.INT64);
        context.state("draw_seed", drawSeed);
        this.views = List.of(context.weakView(VIEW));
    }

    @Override
    public List<ViewRequest> views() {
        return views;
    }

    @Override
    public void beforeStep(TrainingProgress progress) {
        step = progress.step();
    }

    @Override
    public StepResult forward(ViewBatch batch) {
        Encoder.Encoding encoding = encoder.encode(batch.view(VIEW), true);
        NDArray queries = encoding.embedding();
        RepresentationBank candidates = candidates(batch);
        NDArray loss = candidates.contrastiveLoss(queries);
        stepIndices = batch.indices();
        stepEmbeddings = queries;
        return StepResult.builder(loss).term("L_C", loss).weakQueries(queries)
                .weakFeatures(encoding.features().stopGradient()).bank(candidates).build();
    }

    /** The whole bank, or each sample's own entry and the step's draws from the checkpointed seed. */
    private RepresentationBank candidates(ViewBatch batch) {
        if (config.wholeBank()) {
            return new InstdiscBank.Whole(bank.rows(), batch.indices(), config.temperature());
        }
        NDArray own = bank.read(batch.indices(), batch.manager());
        SplittableRandom draws = new SplittableRandom(drawSeed.getLong() ^ (step * 0x9E3779B97F4A7C15L));
        NDArray negatives = bank.read(bank.draw(config.negatives(), draws, batch.manager()), batch.manager());
        return new InstdiscBank.Drawn(own, negatives, config.temperature());
    }

    @Override
    public void afterStep() {
        bank.update(stepIndices, stepEmbeddings, config.bankMomentum(), stepIndices.getManager());
        stepIndices = null;
        stepEmbeddings = null;
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
        return encoder;
    }
}
