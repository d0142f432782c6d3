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
import java.util.Arrays;

/** STL-10's labelled splits in its binary version, written here record by record. */
class Stl10ReaderTest {

    @TempDir
    Path dir;

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void planesAreStoredColumnByColumn() throws IOException {
        byte[] record = new byte[3 * 96 * 96];
        record[1] = 10;                          // red plane, column 0, row 1
        record[96 * 96 + 2 * 96] = 20;           // green plane, column 2, row 0
        record[2 * 96 * 96 + 95 * 96 + 3] = 30;  // blue plane, column 95, row 3
        ImageSet set = Stl10Reader.readSplit(file("x.bin", record), file("y.bin", new byte[] {7}));
        Image image = set.image(0);
        assertThat(image.height()).isEqualTo(96);
        assertThat(image.width()).isEqualTo(96);
        assertThat(image.get(1, 0, 0)).isEqualTo(10);
        assertThat(image.get(0, 2, 1)).isEqualTo(20);
        assertThat(image.get(3, 95, 2)).isEqualTo(30);
        assertThat(image.get(0, 1, 0)).as("not read row by row").isZero();
        assertThat(image.get(1, 0, 1)).as("red stays in the red channel").isZero();
        assertThat(set.labels()).containsExactly(6);
    }

    @Test
    void labelsOneToTenBecomeZeroToNine() throws IOException {
        ImageSet set = Stl10Reader.readSplit(file("x.bin", BinaryDatasets.stlImages(0, 3)),
                file("y.bin", new byte[] {1, 10, 5}));
        assertThat(set.count()).isEqualTo(3);
        assertThat(set.labels()).containsExactly(0, 9, 4);
        assertThat(set.classes()).isEqualTo(10);
        for (int n = 0; n < 3; n++) {
            for (int[] at : new int[][] {{0, 0, 0}, {5, 80, 1}, {95, 2, 2}, {40, 95, 0}}) {
                assertThat(set.image(n).get(at[0], at[1], at[2])).as("image %d at %s", n, Arrays.toString(at))
                        .isEqualTo(pattern(n, at[0], at[1], at[2]));
            }
        }
    }

    @Test
    void labelZeroOrElevenIsNamed() throws IOException {
        Path images = file("x.bin", BinaryDatasets.stlImages(0, 2));
        Path labels = file("y.bin", new byte[] {3, 0});
        assertThatThrownBy(() -> Stl10Reader.readSplit(images, labels))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith(labels + ": label 0 of image 1 is outside STL-10's classes 1..10");
        Files.write(labels, new byte[] {11, 1});
        assertThatThrownBy(() -> Stl10Reader.readSplit(images, labels))
                .hasMessageStartingWith(labels + ": label 11 of image 0 is outside");
    }

    @Test
    void imagesAndLabelsMustAgreeInNumber() throws IOException {
        Path images = file("x.bin", BinaryDatasets.stlImages(0, 2));
        Path labels = file("y.bin", new byte[] {1, 2, 3});
        assertThatThrownBy(() -> Stl10Reader.readSplit(images, labels))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith(labels + " holds 3 labels, but " + images + " holds 2 images");
    }

    @Test
    void truncatedImageFileIsNamed() throws IOException {
        byte[] two = BinaryDatasets.stlImages(0, 2);
        Path images = file("test_X.bin", Arrays.copyOf(two, two.length - 1));
        Path labels = file("test_y.bin", new byte[] {1, 2});
        assertThatThrownBy(() -> Stl10Reader.readSplit(images, labels))
                .isInstanceOf(UserError.class)
                .hasMessage(images + " is truncated or corrupt: its 55295 bytes are not a whole number of "
                        + "27648-byte records (96 x 96 pixels x 3 channels); download it again");
    }
}
