package dev.contrastive.runtime.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrastive.runtime.DebianPython;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@link Npy} files as numpy reads them. */
class NpyTest {

    private static final String READ = "import json, sys, numpy as np\n"
            + "arrays = [np.load(f) for f in sys.argv[1:]]\n"
            + "print(json.dumps([{'dtype': str(a.dtype), 'shape': list(a.shape), 'values': a.ravel().tolist()}"
            + " for a in arrays]))";

    @TempDir
    Path dir;

    @Test
    void numpyReadsMatricesVectorsAndImagesBackExactly() throws Exception {
        float[] matrix = {1.5f, -2f, 3.25f, Float.MIN_VALUE, -0f, 1e30f};
        float[] vector = {7f};
        float[] images = new float[2 * 1 * 3 * 4];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) Math.sin(i);
        }
        Path m = write("matrix.npy", Npy.float32(matrix, 2, 3));
        Path v = write("vector.npy", Npy.float32(vector, 1));
        Path x = write("images.npy", Npy.float32(images, 2, 1, 3, 4));

        JsonNode read = new ObjectMapper().readTree(DebianPython.run(dir, "-c", READ, m.toString(), v.toString(),
                x.toString()));
        assertRead(read.get(0), matrix, 2, 3);
        assertRead(read.get(1), vector, 1);
        assertRead(read.get(2), images, 2, 1, 3, 4);
    }

    @Test
    void theHeaderEndsOnA64ByteBoundaryWithANewline() {
        byte[] bytes = Npy.float32(new float[12], 3, 4);
        int headerLength = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
        assertThat((10 + headerLength) % 64).isZero();
        assertThat(bytes[10 + headerLength - 1]).isEqualTo((byte) '\n');
        assertThat(bytes).hasSize(10 + headerLength + 12 * 4);
    }

    @Test
    void valuesMustFillTheShape() {
        assertThatThrownBy(() -> Npy.float32(new float[5], 2, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5 values for the shape [2, 3]");
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static void assertRead(JsonNode array, float[] values, long... shape) {
        assertThat(array.get("dtype").asText()).isEqualTo("float32");
        assertThat(array.get("shape")).extracting(JsonNode::asLong).containsExactly(toObjects(shape));
        assertThat(array.get("values")).hasSize(values.length);
        for (int i = 0; i < values.length; i++) {
            assertThat((float) array.get("values").get(i).asDouble()).as("value %d", i).isEqualTo(values[i]);
        }
    }

    private static Long[] toObjects(long[] values) {
        return java.util.Arrays.stream(values).boxed().toArray(Long[]::new);
    }
}
