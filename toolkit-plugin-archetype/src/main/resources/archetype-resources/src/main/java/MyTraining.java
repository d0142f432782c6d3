package ${package};

import ai.djl.ndarray.NDArray;
import dev.contrastive.api.BaseContext;
import dev.contrastive.api.BaseRun;
import dev.contrastive.api.Encoder;
import dev.contrastive.api.Scalars;
import dev.contrastive.api.StepResult;
import dev.contrastive.api.ViewBatch;
import dev.contrastive.api.ViewRequest;

import java.util.List;

/**
 * One run of {@code ${objectiveName}}: both weak views through one encoder; the loss is the mean
 * squared distance between the two views' embeddings (alignment) plus, weighted, the log of the
 * mean Gaussian potential {@code exp(-2 |z_i - z_j|^2)} between different images of each view
 * (uniformity). Arrays of a step live in the batch's manager; scalar arithmetic on the gradient
 * path goes through {@link Scalars}.
 */
final class MyTraining implements BaseRun {

    private static final String FIRST_VIEW = "view1";
    private static final String SECOND_VIEW = "view2";

    private final Encoder encoder;
    private final List<ViewRequest> views;
    private final double uniformity;

    MyTraining(BaseContext context, MyConfig config) {
        // made by the context, which trains and saves it (under encoder.)
        this.encoder = context.encoder("encoder");
        this.views = List.of(context.weakView(FIRST_VIEW), context.weakView(SECOND_VIEW));
        this.uniformity = config.uniformity();
    }

    @Override
    public List<ViewRequest> views() {
        return views;
    }

    @Override
    public StepResult forward(ViewBatch batch) {
        Encoder.Encoding first = encoder.encode(batch.view(FIRST_VIEW), true);
        NDArray second = encoder.embed(batch.view(SECOND_VIEW), true);
        NDArray alignment = first.embedding().sub(second).square().sum(new int[] {1}).mean();
        NDArray spread = Scalars.times(uniform(first.embedding()).add(uniform(second)), 0.5);
        NDArray loss = alignment.add(Scalars.times(spread, uniformity));
        NDArray targets = second.stopGradient();
        return StepResult.builder(loss).term("L_align", alignment).term("L_uniform", spread)
                .weakQueries(first.embedding()).weakFeatures(first.features().stopGradient())
                // the candidates an add-on such as CLSA retrieves among: the other view, detached
                .bank(queries -> queries.matMul(targets.transpose()))
                .build();
    }

    /** log mean over pairs i != j of exp(-2 |z_i - z_j|^2) = exp(4 z_i.z_j - 4) for unit vectors. */
    private static NDArray uniform(NDArray embeddings) {
        long n = embeddings.getShape().get(0);
        NDArray potentials = Scalars.plus(Scalars.times(embeddings.matMul(embeddings.transpose()), 4), -4).exp();
        // the diagonal holds exp(0) = 1 for each image: take those n out of the sum
        return Scalars.divide(Scalars.plus(potentials.sum(), -n), n * (n - 1)).log();
    }

    @Override
    public boolean providesBank() {
        return true;
    }

    @Override
    public Encoder onlineEncoder() {
        return encoder;
    }
}
