package dev.contrastive.dino;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.contrastive.api.Scalars;

import java.util.ArrayList;
import java.util.List;

/** DINO's loss and centre, pure functions of the prototype layer's outputs (the official {@code DINOLoss}). */
final class DinoLoss {

    private DinoLoss() {
    }

    /**
     * The teacher's targets: {@code softmax((t − c) / τ_t)} per global view, detached (centring and
     * sharpening).
     *
     * @param teacherOutputs {@code N × K} per global view
     * @param center {@code 1 × K}
     */
    static List<NDArray> teacherTargets(List<NDArray> teacherOutputs, NDArray center, double teacherTemperature) {
        List<NDArray> targets = new ArrayList<>();
        for (NDArray output : teacherOutputs) {
            targets.add(Scalars.divide(output.stopGradient().sub(center), teacherTemperature).softmax(1));
        }
        return targets;
    }

    /**
     * The mean over every pair of a teacher view {@code t} and a student view {@code v ≠ t} (views
     * matched by position: the student's first two are the global ones) of
     * {@link #crossEntropy}{@code (target_t, student_v)}.
     *
     * @param targets the teacher's, one per global view
     * @param studentOutputs {@code N × K} per view, with gradients
     */
    static NDArray loss(List<NDArray> targets, List<NDArray> studentOutputs, double studentTemperature) {
        NDArray total = null;
        int terms = 0;
        for (int v = 0; v < studentOutputs.size(); v++) {
            NDArray logProbabilities = logProbabilities(studentOutputs.get(v), studentTemperature);
            for (int t = 0; t < targets.size(); t++) {
                if (t != v) {
                    NDArray term = crossEntropy(targets.get(t), logProbabilities);
                    total = total == null ? term : total.add(term);
                    terms++;
                }
            }
        }
        return Scalars.divide(total, terms);
    }

    /** {@code log_softmax(s / τ_s)} over the prototypes. */
    static NDArray logProbabilities(NDArray studentOutput, double studentTemperature) {
        return Scalars.divide(studentOutput, studentTemperature).logSoftmax(1);
    }

    /** {@code mean_i −Σ_k target[i,k] · logProbabilities[i,k]}. */
    static NDArray crossEntropy(NDArray target, NDArray logProbabilities) {
        return target.mul(logProbabilities).sum(new int[] {1}).mean().neg();
    }

    /**
     * {@code c ← m · c + (1 − m) · mean(teacher outputs)}, in place, the mean over every sample of
     * every global view.
     */
    static void updateCenter(NDArray center, List<NDArray> teacherOutputs, double momentum) {
        NDArray all = NDArrays.concat(new NDList(teacherOutputs));
        try (NDArray batchCenter = all.mean(new int[] {0}, true); NDArray scaled = batchCenter.mul(1 - momentum)) {
            center.muli(momentum).addi(scaled);
        }
        all.close();
    }
}
