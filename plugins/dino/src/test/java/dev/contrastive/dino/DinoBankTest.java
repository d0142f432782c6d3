package dev.contrastive.dino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.contrastive.api.Head;
import dev.contrastive.api.host.RunModules;
import dev.contrastive.api.testing.GoldenLosses;
import dev.contrastive.api.testing.SmallEncoders;
import dev.contrastive.api.testing.YamlSection;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * CLSA over DINO: the bank's candidates are the prototypes, so a query's similarities are what the
 * prototype layer outputs for it, and no gradient reaches the prototypes through the bank.
 */
class DinoBankTest {

    private static final int K = 7;

    @Test
    void similaritiesAreThePrototypeLayersOutputsAndThePrototypesAreConstants() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Head prototypes = prototypes(manager);
            NDArray queries = manager.randomNormal(new Shape(4, SmallEncoders.EMBEDDING)).normalize(2, 1, 1e-12);
            DinoBank bank = DinoBank.over(prototypes, List.of(), 0.1, queries.getManager());
            NDArray layer = prototypes.forward(queries, false);
            assertThat(GoldenLosses.value(bank.similarities(queries).sub(layer).abs().max())).isLessThan(1e-6);
            NDArray weight = prototypes.trainableParameters().get(0).getArray();
            queries.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(bank.similarities(queries).sum());
            }
            assertThat(GoldenLosses.value(queries.getGradient().abs().sum())).isPositive();
            assertThat(GoldenLosses.value(weight.getGradient().abs().sum())).isZero();
        }
    }

    @Test
    void aFurtherQuerysTermIsTheMeanCrossEntropyTowardsBothTeacherTargets() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Head prototypes = prototypes(manager);
            NDArray queries = manager.randomNormal(new Shape(4, SmallEncoders.EMBEDDING)).normalize(2, 1, 1e-12);
            NDArray sharp = manager.randomNormal(new Shape(4, K)).softmax(1);
            NDArray uniform = manager.ones(new Shape(4, K)).div(K);
            double term = GoldenLosses.value(DinoBank.over(prototypes, List.of(sharp, uniform), 0.1, manager)
                    .contrastiveLoss(queries));
            // closed form: −Σ_k q_k log p_k, with log p the log-softmax of the prototype outputs at τ_s
            float[] log = prototypes.forward(queries, false).div(0.1).logSoftmax(1).toFloatArray();
            float[] a = sharp.toFloatArray();
            double expected = 0;
            for (int i = 0; i < log.length; i++) {
                expected -= (a[i] + 1.0 / K) * log[i];
            }
            assertThat(term).isCloseTo(expected / 4 / 2, within(1e-5));
        }
    }

    private static Head prototypes(NDManager manager) {
        RunModules context = RunModules.builder().config(YamlSection.of("dino", "")).manager(manager)
                .encoders(new SmallEncoders(manager, 1, 8)).images(8, 1).build();
        return context.head("prototypes", SmallEncoders.EMBEDDING, DinoHeads.prototypes(K));
    }
}
