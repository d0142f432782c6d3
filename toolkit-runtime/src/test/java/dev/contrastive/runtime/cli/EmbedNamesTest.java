package dev.contrastive.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.RunFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Issue 24, classes 4 and 10, through {@code embed --images}: a file whose name holds a line
 * break is one escaped line of the names file, so rows and names line up; a dangling link in
 * the folder is counted and named, not dropped silently.
 */
class EmbedNamesTest {

    @TempDir
    Path dir;

    @Test
    void rowsAndNamesLineUpWhateverTheNamesHold() throws IOException {
        Path images = Files.createDirectories(dir.resolve("images"));
        for (String name : List.of("a.png", "b\nc.png", "Größe-日本.png")) {
            ImageIO.write(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png", images.resolve(name)
                    .toFile());
        }
        Files.createSymbolicLink(images.resolve("gone.png"), images.resolve("deleted.png"));
        Path out = dir.resolve("features.npy");

        Distribution.Result result = Distribution.cli("embed", RunFolders.sharedTinyRun().toString(), "--images",
                images.toString(), "--out", out.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("skipped 1 entries that are not files (gone.png (a dangling symbolic link))");
        List<String> names = Files.readAllLines(dir.resolve("features.txt"), StandardCharsets.UTF_8);
        assertThat(names).containsExactly("Größe-日本.png", "a.png", "b\\nc.png");
        assertThat(rows(out)).as("one row a name").isEqualTo(names.size());
    }

    /** The first dimension of a .npy file's shape, read from its header. */
    private static int rows(Path npy) throws IOException {
        byte[] bytes = Files.readAllBytes(npy);
        int headerLength = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
        String header = new String(bytes, 10, headerLength, StandardCharsets.ISO_8859_1);
        String shape = header.substring(header.indexOf("'shape': (") + 10);
        return Integer.parseInt(shape.substring(0, shape.indexOf(',')).strip());
    }
}
