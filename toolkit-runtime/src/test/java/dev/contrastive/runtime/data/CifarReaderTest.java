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
import java.util.List;

/** The binary versions of CIFAR-10 and CIFAR-100, written here record by record. */
class CifarReaderTest {

    @TempDir
    Path dir;

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void planesBecomeChannelsLastRowByRow() throws IOException {
        byte[] record = new byte[1 + 3072];
        record[0] = 4;
        record[1 + 1] = 10;                     // red plane, row 0, column 1
        record[1 + 1024 + 2 * 32] = 20;         // green plane, row 2, column 0
        record[1 + 2048 + 31 * 32 + 30] = 30;   // blue plane, row 31, column 30
        ImageSet set = CifarReader.readSplit(List.of(file("one.bin", record)), 1, 10);
        Image image = set.image(0);
        assertThat(image.height()).isEqualTo(32);
        assertThat(image.channels()).isEqualTo(3);
        assertThat(image.get(0, 1, 0)).isEqualTo(10);
        assertThat(image.get(2, 0, 1)).isEqualTo(20);
        assertThat(image.get(31, 30, 2)).isEqualTo(30);
        assertThat(image.get(1, 0, 0)).as("not read column by column").isZero();
        assertThat(image.get(0, 1, 1)).as("red stays in the red channel").isZero();
        assertThat(sum(image.pixels())).as("nothing else is set").isEqualTo(10 + 20 + 30);
        assertThat(set.labels()).containsExactly(4);
    }

    @Test
    void cifar10BatchesAreReadInOrderAsOneSplit() throws IOException {
        Path first = file("data_batch_1.bin", BinaryDatasets.cifarRecords(0, 1, 6, 0));
        Path second = file("data_batch_2.bin", BinaryDatasets.cifarRecords(2, 1, 9));
        ImageSet set = CifarReader.readSplit(List.of(first, second), 1, 10);
        assertThat(set.count()).isEqualTo(3);
        assertThat(set.labels()).containsExactly(6, 0, 9);
        for (int n = 0; n < 3; n++) {
            Image image = set.image(n);
            for (int[] at : new int[][] {{0, 0, 0}, {5, 17, 1}, {31, 2, 2}, {12, 31, 0}}) {
                assertThat(image.get(at[0], at[1], at[2])).as("image %d at %s", n, Arrays.toString(at))
                        .isEqualTo(pattern(n, at[0], at[1], at[2]));
            }
        }
    }

    @Test
    void cifar100TakesTheFineLabel() throws IOException {
        // coarse, fine pairs: (3, 99), (19, 0)
        ImageSet set = CifarReader.readSplit(List.of(file("train.bin", BinaryDatasets.cifarRecords(0, 2, 3, 99,
                19, 0))), 2, 100);
        assertThat(set.labels()).containsExactly(99, 0);
        assertThat(set.image(1).get(7, 8, 2)).isEqualTo(pattern(1, 7, 8, 2));
    }

    @Test
    void truncatedFileIsNamed() throws IOException {
        byte[] two = BinaryDatasets.cifarRecords(0, 1, 1, 2);
        Path good = file("data_batch_1.bin", two);
        Path cut = file("data_batch_2.bin", Arrays.copyOf(two, two.length - 100));
        assertThatThrownBy(() -> CifarReader.readSplit(List.of(good, cut), 1, 10))
                .isInstanceOf(UserError.class)
                .hasMessage(cut + " is truncated or corrupt: its 6046 bytes are not a whole number of 3073-byte "
                        + "records (1 label byte + 3072 pixel bytes); download it again")
                .satisfies(e -> assertThat(((UserError) e).exitCode()).isEqualTo(UserError.DATA));
        Path empty = file("empty.bin", new byte[0]);
        assertThatThrownBy(() -> CifarReader.readSplit(List.of(empty), 2, 100))
                .hasMessageStartingWith(empty + " is truncated or corrupt: its 0 bytes")
                .hasMessageContaining("3074-byte records (2 label bytes + 3072 pixel bytes)");
    }

    @Test
    void labelOutsideTheClassesIsNamed() throws IOException {
        Path file = file("test_batch.bin", BinaryDatasets.cifarRecords(0, 1, 3, 10));
        assertThatThrownBy(() -> CifarReader.readSplit(List.of(file), 1, 10))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith(file + ": image 1 has label 10, outside the data set's 10 classes (0..9)");
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("data_batch_3.bin");
        assertThatThrownBy(() -> CifarReader.readSplit(List.of(missing), 1, 10))
                .isInstanceOf(UserError.class).hasMessage("missing " + missing);
    }

    private static int sum(byte[] bytes) {
        int sum = 0;
        for (byte b : bytes) {
            sum += b & 0xFF;
        }
        return sum;
    }
}
