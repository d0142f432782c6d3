package dev.contrastive.runtime.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Issue 24, classes 7 and 10: an image folder's entries that are not files — a dangling link, a
 * FIFO, a link to a device — are never opened (a FIFO would block), and are counted and named
 * like the other skipped files.
 */
class ImageFolderEntriesTest {

    @TempDir
    Path dir;

    @Test
    void entriesThatAreNotFilesAreSkippedCountedAndNamed() throws Exception {
        png(dir.resolve("a.png"));
        png(dir.resolve("b\nc.png"));
        Files.createSymbolicLink(dir.resolve("gone.png"), dir.resolve("deleted.png"));
        Files.createSymbolicLink(dir.resolve("zero.png"), Path.of("/dev/zero"));
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("pipe.png").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();

        ImageFolder.Read read = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> ImageFolder.read(dir, 8, 0, 1L << 30, 1, false), "a FIFO in the folder was opened");

        assertThat(read.images().count()).isEqualTo(2);
        assertThat(read.summary()).contains("skipped 3 entries that are not files (gone.png (a dangling symbolic "
                + "link), pipe.png (a FIFO (named pipe)), zero.png (a character device))")
                .doesNotContain("\n");
        assertThat(read.names()).containsExactly("a.png", "b\nc.png");
    }

    private static void png(Path file) throws IOException {
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY), "png", file.toFile());
    }
}
