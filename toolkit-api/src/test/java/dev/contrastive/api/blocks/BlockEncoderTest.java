package dev.contrastive.api.blocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.contrastive.api.Encoder;
import dev.contrastive.api.testing.SmallEncoders;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A block encoder follows any encoder built alike through the interface, and exposes its blocks. */
class BlockEncoderTest {

    /** Another class over the same state: what a plugin's own encoder may be. */
    private static Encoder behindAnotherClass(Encoder inner) {
        return new Encoder() {
            public Encoding encode(NDArray images, boolean training) {
                return inner.encode(images, training);
            }

            public NDArray features(NDArray images) {
                return inner.features(images);
            }

            public int embeddingSize() {
                return inner.embeddingSize();
            }

            public int featureSize() {
                return inner.featureSize();
            }

            public List<Parameter> trainableParameters() {
                return inner.trainableParameters();
            }

            public void copyFrom(Encoder source) {
                inner.copyFrom(source);
            }

            public void followEma(Encoder source, double momentum) {
                inner.followEma(source, momentum);
            }

            public Map<String, NDArray> state() {
                return inner.state();
            }
        };
    }

    @Test
    void followEmaMovesLearnableParametersOfAnyEncoderClassAndNotRunningStatistics() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SmallEncoders encoders = new SmallEncoders(manager, 1, 8);
            Encoder online = encoders.create(true, true);
            Encoder teacher = encoders.create(false, true);
            online.state().values().forEach(a -> a.addi(1));
            Map<String, float[]> before = new HashMap<>();
            teacher.state().forEach((name, a) -> before.put(name, a.toFloatArray()));
            teacher.followEma(behindAnotherClass(online), 0.75);
            teacher.state().forEach((name, array) -> {
                float[] t = before.get(name);
                float[] o = online.state().get(name).toFloatArray();
                float[] after = array.toFloatArray();
                boolean statistic = name.endsWith("runningMean") || name.endsWith("runningVar");
                for (int i = 0; i < after.length; i++) {
                    double expected = statistic ? t[i] : 0.75 * t[i] + 0.25 * o[i];
                    assertThat((double) after[i]).as(name).isCloseTo(expected, within(1e-6));
                }
            });
            assertThat(teacher.state().keySet()).anyMatch(n -> n.endsWith("runningMean"));
        }
    }

    @Test
    void itsBlocksAreItsBackboneAndHead() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BlockEncoder encoder = (BlockEncoder) new SmallEncoders(manager, 1, 8).create(true, false);
            assertThat(encoder.backboneBlock()).containsSame(encoder.backbone());
            assertThat(encoder.headBlock()).containsSame(encoder.head());
            assertThat(behindAnotherClass(encoder).backboneBlock()).isEmpty();
        }
    }
}
