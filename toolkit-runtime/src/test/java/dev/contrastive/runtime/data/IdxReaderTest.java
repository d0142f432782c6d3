package dev.contrastive.runtime.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive.runtime.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

class IdxReaderTest {

    @TempDir
    Path dir;

    static byte[] idx(int[] shape, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x0800 | shape.length);
            for (int s : shape) {
                out.writeInt(s);
            }
            out.write(data);
        }
        return bytes.toByteArray();
    }

    static void write(Path file, byte[] content, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(content);
        }
    }

    @Test
    void readsImagesAndLabelsGzippedOrPlain() throws IOException {
        byte[] pixels = new byte[3 * 2 * 4];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 10);
        }
        write(dir.resolve("x.gz"), idx(new int[] {3, 2, 4}, pixels), true);
        write(dir.resolve("y"), idx(new int[] {3}, new byte[] {7, 0, (byte) 200}), false);
        ImageSet set = IdxReader.readSplit(dir.resolve("x.gz"), dir.resolve("y"), 256);
        assertThat(set.count()).isEqualTo(3);
        assertThat(set.height()).isEqualTo(2);
        assertThat(set.width()).isEqualTo(4);
        assertThat(set.labels()).containsExactly(7, 0, 200);
        assertThat(set.image(1).pixels()).containsExactly(Arrays.copyOfRange(pixels, 8, 16));
        assertThat(set.image(2).get(1, 3, 0)).isEqualTo((23 * 10) & 0xFF);
    }

    @Test
    void truncatedFileIsADataError() throws IOException {
        byte[] full = idx(new int[] {10, 28, 28}, new byte[10 * 28 * 28]);
        write(dir.resolve("x.gz"), Arrays.copyOf(full, full.length / 2), true);
        assertThatThrownBy(() -> IdxReader.read(dir.resolve("x.gz")))
                .isInstanceOf(UserError.class).hasMessageContaining("truncated")
                .satisfies(e -> assertThat(((UserError) e).exitCode()).isEqualTo(UserError.DATA));
    }

    @Test
    void notAnIdxFileIsADataError() throws IOException {
        Files.writeString(dir.resolve("x"), "hello, this is not IDX");
        assertThatThrownBy(() -> IdxReader.read(dir.resolve("x"))).hasMessageContaining("not an IDX file");
    }

    @Test
    void mismatchedLabelCountIsRejected() throws IOException {
        write(dir.resolve("x"), idx(new int[] {2, 1, 1}, new byte[2]), false);
        write(dir.resolve("y"), idx(new int[] {3}, new byte[3]), false);
        assertThatThrownBy(() -> IdxReader.readSplit(dir.resolve("x"), dir.resolve("y"), 10))
                .hasMessageContaining("a label file holds one label per image");
    }
}
