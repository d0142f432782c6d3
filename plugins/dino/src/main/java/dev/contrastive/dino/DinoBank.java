package dev.contrastive.dino;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.contrastive.api.Head;
import dev.contrastive.api.RepresentationBank;
import dev.contrastive.api.Scalars;

import java.util.List;

/**
 * DINO's candidates, the same for every sample: the K prototypes. A query (the student's
 * L2-normalised bottleneck) is compared with the unit prototype rows, so its similarities are
 * exactly what the prototype layer outputs; CLSA's distributions over them are distributions over
 * the prototypes, at CLSA's own τ_d. A further query's own term is DINO's for a further student
 * crop: the cross-entropy towards each global view's teacher target, averaged over the two.
 *
 * @param prototypes {@code K × B} unit rows, detached
 * @param targets the teacher's {@code N × K} targets, one per global view
 */
record DinoBank(NDArray prototypes, List<NDArray> targets, double studentTemperature) implements RepresentationBank {

    /**
     * The bank of a step over the student's prototype head, its rows detached and made unit in the
     * step's manager. The prototype head is one weight-normalised layer, so its one array is the
     * weight {@code v}.
     */
    static DinoBank over(Head prototypes, List<NDArray> targets, double studentTemperature, NDManager step) {
        NDArray weights = prototypes.state().values().iterator().next().stopGradient();
        weights.attach(step); // an op on the long-lived weight lands in its manager otherwise
        return new DinoBank(weights.normalize(2, 1, 1e-12), targets, studentTemperature);
    }

    @Override
    public NDArray similarities(NDArray queries) {
        return queries.matMul(prototypes.transpose());
    }

    @Override
    public NDArray contrastiveLoss(NDArray queries) {
        NDArray logProbabilities = DinoLoss.logProbabilities(similarities(queries), studentTemperature);
        NDArray total = null;
        for (NDArray target : targets) {
            NDArray term = DinoLoss.crossEntropy(target, logProbabilities);
            total = total == null ? term : total.add(term);
        }
        return Scalars.divide(total, targets.size());
    }
}
