package dev.contrastive.runtime.data;

import static dev.contrastive.runtime.data.BinaryDatasets.pattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive.api.Image;
import dev.contrastive.runtime.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** STL-10's unlabeled images read from their file on each access, from several threads at once. */
class Stl10UnlabeledTest {

    private static final int COUNT = 7;

    @TempDir
    Path dir;

    private Path unlabeled() throws IOException {
        return Files.write(dir.resolve("unlabeled_X.bin"), BinaryDatasets.stlImages(0, COUNT));
    }

    @Test
    void everyImageAcrossChunkBoundariesIsItsRecord() throws IOException {
        Stl10Unlabeled source = Stl10Unlabeled.open(unlabeled(), 0, 3); // chunks of 3, 3 and 1 records
        assertThat(source.count()).isEqualTo(COUNT);
        assertThat(source.height()).isEqualTo(96);
        assertThat(source.channels()).isEqualTo(3);
        assertThat(source.labelled()).isFalse();
        assertThat(source.label(2)).isEqualTo(-1);
        for (int n = 0; n < COUNT; n++) {
            Image image = source.image(n);
            for (int[] at : new int[][] {{0, 0, 0}, {1, 0, 1}, {0, 1, 2}, {95, 94, 0}, {50, 60, 1}}) {
                assertThat(image.get(at[0], at[1], at[2])).as("image %d at %s", n, Arrays.toString(at))
                        .isEqualTo(pattern(n, at[0], at[1], at[2]));
            }
        }
        assertThat(Stl10Unlabeled.open(unlabeled(), 0).image(6).pixels()).as("one chunk reads the same")
                .isEqualTo(source.image(6).pixels());
    }

    @Test
    void concurrentReadsGiveWhatASequentialReadGives() throws Exception {
        Stl10Unlabeled source = Stl10Unlabeled.open(unlabeled(), 0, 2);
        List<byte[]> sequential = new ArrayList<>();
        for (int n = 0; n < COUNT; n++) {
            sequential.add(source.image(n).pixels());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Random random = new Random(t);
                readers.add(pool.submit(() -> {
                    for (int k = 0; k < 300; k++) {
                        int n = random.nextInt(COUNT);
                        assertThat(source.image(n).pixels()).as("image %d", n).isEqualTo(sequential.get(n));
                    }
                    return null;
                }));
            }
            for (Future<?> reader : readers) {
                reader.get(); // rethrows a reader's failed assertion
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void firstImagesAndASizeOnAccess() throws IOException {
        Stl10Unlabeled full = Stl10Unlabeled.open(unlabeled(), 0, 3);
        ImageSource first = full.first(4);
        assertThat(first.count()).isEqualTo(4);
        assertThat(first.image(3).pixels()).isEqualTo(full.image(3).pixels());
        assertThat(full.first(0)).isSameAs(full);
        assertThatThrownBy(() -> first.image(4)).isInstanceOf(IndexOutOfBoundsException.class);

        ImageSource small = Stl10Unlabeled.open(unlabeled(), 32);
        assertThat(small.height()).isEqualTo(32);
        assertThat(small.width()).isEqualTo(32);
        Image image = small.image(5);
        assertThat(image.height()).isEqualTo(32);
        assertThat(image.pixels()).isEqualTo(ImageDecoder.centreSquare(full.image(5), 32).pixels());
    }

    @Test
    void truncatedFileIsNamed() throws IOException {
        Path file = Files.write(dir.resolve("unlabeled_X.bin"), Arrays.copyOf(BinaryDatasets.stlImages(0, 2), 30000));
        assertThatThrownBy(() -> Stl10Unlabeled.open(file, 0))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith(file + " is truncated or corrupt: its 30000 bytes are not a whole number");
    }
}
