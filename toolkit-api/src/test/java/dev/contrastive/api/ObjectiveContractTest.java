package dev.contrastive.api;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.contrastive.api.testing.ObjectiveContract;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * The contract of the plugin test kit passes a correct toy base and catches each way a base can
 * break it: the kit's own oracle, so that a plugin author can trust a green run.
 */
class ObjectiveContractTest {

    /** The ways the toy base can be broken. */
    enum Flaw { NONE, LEAKS, HIDES_STATE, RAW_QUERIES, TWO_VIEWS_ONE_NAME, NO_BANK }

    @Test
    void aCorrectBaseKeepsTheContract() {
        assertThatCode(() -> ObjectiveContract.of(new Toy(Flaw.NONE)).verify()).doesNotThrowAnyException();
    }

    @Test
    void anArrayLeftBehindEveryStepIsCaught() {
        assertThatThrownBy(() -> ObjectiveContract.of(new Toy(Flaw.LEAKS)).verify())
                .isInstanceOf(AssertionError.class).hasMessageContaining("left arrays behind");
    }

    @Test
    void stateTheLossDependsOnButStateDoesNotNameIsCaught() {
        assertThatThrownBy(() -> ObjectiveContract.of(new Toy(Flaw.HIDES_STATE)).verify())
                .isInstanceOf(AssertionError.class).hasMessageContaining("state() misses something");
    }

    @Test
    void unnormalisedQueriesAreCaught() {
        assertThatThrownBy(() -> ObjectiveContract.of(new Toy(Flaw.RAW_QUERIES)).verify())
                .isInstanceOf(AssertionError.class).hasMessageContaining("L2-normalised");
    }

    @Test
    void aViewNameUsedTwiceIsCaught() {
        assertThatThrownBy(() -> ObjectiveContract.of(new Toy(Flaw.TWO_VIEWS_ONE_NAME)).verify())
                .isInstanceOf(AssertionError.class).hasMessageContaining("twice");
    }

    @Test
    void aPromisedBankThatIsMissingIsCaught() {
        assertThatThrownBy(() -> ObjectiveContract.of(new Toy(Flaw.NO_BANK)).verify())
                .isInstanceOf(AssertionError.class).hasMessageContaining("no bank");
    }

    /** A SimSiam-like base without predictor: loss 2 − 2·cos between the two views' embeddings. */
    private record Toy(Flaw flaw) implements BaseObjective<Record> {

        @Override
        public String name() {
            return "toy";
        }

        @Override
        public String description() {
            return "a toy base with a chosen flaw";
        }

        @Override
        public Class<Record> configType() {
            return null;
        }

        @Override
        public BaseRun create(BaseContext context, Record settings) {
            Encoder encoder = context.encoder("encoder");
            NDArray offset = context.manager().zeros(new Shape(1));
            NDArray kept = context.manager().zeros(new Shape(1));
            if (flaw != Flaw.HIDES_STATE) {
                context.state("offset", offset);
            }
            List<ViewRequest> views = List.of(context.weakView("a"),
                    context.weakView(flaw == Flaw.TWO_VIEWS_ONE_NAME ? "a" : "b"));
            return new BaseRun() {
                @Override
                public List<ViewRequest> views() {
                    return views;
                }

                @Override
                public StepResult forward(ViewBatch batch) {
                    Encoder.Encoding a = encoder.encode(batch.view("a"), true);
                    NDArray b = encoder.embed(batch.view("b"), true);
                    NDArray cosine = a.embedding().mul(b.stopGradient()).sum(new int[] {1}).mean();
                    NDArray loss = Scalars.plus(Scalars.times(cosine, -2), 2).add(offset);
                    if (flaw == Flaw.LEAKS) {
                        kept.add(loss); // result attached to the long-lived array's manager, never closed
                    }
                    StepResult.Builder result = StepResult.builder(loss)
                            .weakQueries(flaw == Flaw.RAW_QUERIES ? a.projection() : a.embedding())
                            .weakFeatures(a.features().stopGradient());
                    NDArray targets = b.stopGradient();
                    return flaw == Flaw.NO_BANK ? result.build()
                            : result.bank(queries -> queries.matMul(targets.transpose())).build();
                }

                @Override
                public boolean providesBank() {
                    return true;
                }

                @Override
                public void afterStep() {
                    offset.addi(1); // a running count the loss depends on
                }

                @Override
                public Encoder onlineEncoder() {
                    return encoder;
                }
            };
        }
    }
}
