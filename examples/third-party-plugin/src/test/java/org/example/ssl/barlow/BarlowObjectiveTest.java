package org.example.ssl.barlow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.ContrastiveObjective;
import dev.contrastive.api.BaseRun;
import dev.contrastive.api.SourceLocation;
import dev.contrastive.api.StepResult;
import dev.contrastive.api.ViewBatch;
import dev.contrastive.api.ViewRequest;
import dev.contrastive.api.host.RunModules;
import dev.contrastive.api.testing.NoEncoders;
import dev.contrastive.api.testing.SmallEncoders;
import dev.contrastive.api.testing.Chains;
import dev.contrastive.api.testing.TestImages;
import dev.contrastive.api.testing.YamlSection;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/**
 * The {@code barlow} objective: its section bound as a run file's, its own checks, and what one
 * step gives beyond the API's contract ({@link BarlowContractTest}): the head's BatchNorm, the
 * view names, the loss term, the batch-only bank.
 */
class BarlowObjectiveTest {

    private static final int N = 6;
    private static final int SIDE = 8;

    private static RunModules.Builder facts(NDManager manager) {
        return RunModules.builder().encoders(new NoEncoders()).manager(manager).batchSize(32);
    }

    @Test
    void describesABase() {
        ContrastiveObjective<?> objective = new BarlowObjective();
        assertThat(objective.name()).isEqualTo("barlow");
        assertThat(objective.role()).isEqualTo(ContrastiveObjective.Role.BASE);
        assertThat(objective.configType()).isEqualTo(BarlowConfig.class);
    }

    @Test
    void lambdaDefaultsToThePapersValue() {
        assertThat(new BarlowConfig(null).lambda()).isEqualTo(0.0051);
        assertThat(YamlSection.of("barlow", "").bind(BarlowConfig.class).lambda()).isEqualTo(0.0051);
        assertThat(YamlSection.of("barlow", "lambda: 0.02").bind(BarlowConfig.class).lambda()).isEqualTo(0.02);
    }

    @Test
    void refusesALambdaThatIsNotPositive() {
        for (double lambda : new double[] {0, -1, Double.NaN}) {
            assertThatThrownBy(() -> new BarlowConfig(lambda)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("lambda must be > 0, got ");
        }
        assertThatThrownBy(() -> new BarlowConfig(Double.POSITIVE_INFINITY))
                .hasMessageStartingWith("lambda must be finite");
    }

    /** Bound as the host binds a run file, before the objective is created: an error at the key's line. */
    @Test
    void aBadLambdaInTheRunFileIsAConfigErrorAtItsLineBeforeAnyEncoderIsBuilt() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> Chains.of(facts(manager), Map.of("barlow", "# off-diagonal weight\nlambda: -0.5\n"),
                    List.of(new BarlowObjective()))).isInstanceOf(ConfigException.class)
                    .hasMessageContaining(YamlSection.FILE + ":2:")
                    .hasMessageContaining("barlow: lambda must be > 0, got -0.5");
            assertThatThrownBy(() -> Chains.of(facts(manager), Map.of("barlow", "lamda: 0.1\n"),
                    List.of(new BarlowObjective()))).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("barlow.lamda: unknown key");
        }
    }

    @Test
    void aBatchOfOneCannotBeStandardisedAndIsRefusedAtItsLine() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RunModules context = RunModules.builder().config(YamlSection.of("barlow", ""))
                    .encoders(new NoEncoders()).manager(manager).batchSize(1)
                    .locator(key -> new SourceLocation("run.yaml", key.equals("train.batch_size") ? 7 : 1, 15))
                    .build();
            assertThatThrownBy(() -> new BarlowObjective().create(context, new BarlowConfig(null)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("run.yaml:7:15").hasMessageContaining("at least 2 images");
        }
    }

    /** What the contract leaves open: one encoder with a BatchNorm head, its views, its term, its bank. */
    @Test
    void oneStepOverABatchNormHeadGivesTheLossTermAndABatchOnlyBank() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RunModules context = RunModules.builder().config(YamlSection.of("barlow", "lambda: 0.01"))
                    .encoders(new SmallEncoders(manager, 1, SIDE)).manager(manager).batchSize(N).images(SIDE, 1)
                    .build();
            try (BaseRun barlow = new BarlowObjective().create(context, new BarlowConfig(0.01))) {
                assertThat(barlow.providesBank()).isTrue();
                assertThat(barlow.views()).extracting(ViewRequest::name).containsExactly("view1", "view2");
                assertThat(barlow.views()).allSatisfy(view -> assertThat(view.policies()).containsExactly("weak"));
                assertThat(context.state().keySet()).as("one online encoder whose head has BatchNorm")
                        .allMatch(name -> name.startsWith("online."))
                        .anyMatch(name -> name.startsWith("online.head0.") && name.contains("BatchNorm"));

                try (NDManager step = manager.newSubManager()) {
                    ViewBatch batch = TestImages.batch(step, barlow.views(), N, 1, 0);
                    StepResult result;
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        result = barlow.forward(batch);
                        collector.backward(result.loss());
                    }
                    assertThat(result.terms()).containsOnlyKeys("L_C");
                    assertThat(result.weakFeatures().hasGradient()).isFalse();
                    // the candidates are the batch's second-view embeddings: N of them
                    assertThat(result.bank().similarities(result.weakQueries()).getShape()).isEqualTo(new Shape(N, N));
                    assertThat(barlow.embedQuery(batch.view("view1")).getShape())
                            .isEqualTo(new Shape(N, SmallEncoders.EMBEDDING));
                    barlow.afterStep();
                }
            }
        }
    }
}
