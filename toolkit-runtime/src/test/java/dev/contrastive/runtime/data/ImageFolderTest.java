package dev.contrastive.runtime.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive.api.Image;
import dev.contrastive.runtime.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Reading folders of image files: layouts, modes, sizes and everything that is not a good image. */
class ImageFolderTest {

    private static final long PLENTY = 1L << 30;

    @TempDir
    Path dir;

    @Test
    void anEmptyFolderIsAnErrorNamingIt() {
        assertThatThrownBy(() -> ImageFolder.read(dir, 16, 0, PLENTY, 1, false))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.exitCode()).isEqualTo(UserError.DATA))
                .hasMessageContaining("no readable image in " + dir);
    }

    @Test
    void aMissingFolderIsAnErrorNamingIt() {
        assertThatThrownBy(() -> ImageFolder.read(dir.resolve("nope"), 16, 0, PLENTY, 1, false))
                .isInstanceOf(UserError.class).hasMessageContaining(dir.resolve("nope") + " does not exist");
    }

    @Test
    void aFolderOfNonImagesIsAnErrorThatCountsAndNamesThem() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "hello");
        Files.writeString(dir.resolve("labels.csv"), "a,b");
        assertThatThrownBy(() -> ImageFolder.read(dir, 16, 0, PLENTY, 1, false))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("skipped 2 files that are not images (labels.csv, notes.txt)");
    }

    @Test
    void aCorruptJpegAmongGoodImagesIsSkippedAndCounted() throws IOException {
        for (int i = 0; i < 3; i++) {
            ImageIO.write(uniformRgb(20, 20, 40 * i, 100, 200), "jpg", dir.resolve("good" + i + ".jpg").toFile());
        }
        byte[] jpeg = Files.readAllBytes(dir.resolve("good0.jpg"));
        Files.write(dir.resolve("bad.jpg"), Arrays.copyOf(jpeg, 40)); // header only: the data is cut off
        Files.write(dir.resolve("empty.png"), new byte[0]);
        ImageFolder.Read read = ImageFolder.read(dir, 16, 0, PLENTY, 2, false);
        assertThat(read.images().count()).isEqualTo(3);
        assertThat(read.summary()).contains("3 images").contains("skipped 2 unreadable images (bad.jpg");
    }

    @Test
    void mixedSizesAndModesBecomeOneSizeOfRgbWithAlphaDroppedAndGreyRepeated() throws IOException {
        ImageIO.write(uniformGrey(30, 50, 77), "png", dir.resolve("a-grey.png").toFile());
        ImageIO.write(uniformRgb(64, 40, 10, 20, 30), "png", dir.resolve("b-rgb.png").toFile());
        BufferedImage rgba = new BufferedImage(17, 23, BufferedImage.TYPE_INT_ARGB);
        fill(rgba, 0x00_0A_14_1E); // fully transparent (10, 20, 30): the colour stays, as Pillow's convert("RGB")
        ImageIO.write(rgba, "png", dir.resolve("c-rgba.png").toFile());
        IndexColorModel palette = new IndexColorModel(8, 2, new byte[] {5, 9}, new byte[] {6, 8}, new byte[] {7, 7});
        BufferedImage indexed = new BufferedImage(12, 12, BufferedImage.TYPE_BYTE_INDEXED, palette);
        indexed.getRaster().setSample(0, 0, 0, 1); // every pixel index 0 but one
        ImageIO.write(indexed, "png", dir.resolve("d-palette.png").toFile());
        ImageIO.write(uniformRgb(9, 9, 200, 100, 50), "bmp", dir.resolve("e.bmp").toFile());
        ImageIO.write(uniformRgb(9, 9, 1, 2, 3), "gif", dir.resolve("f.gif").toFile());

        ImageFolder.Read read = ImageFolder.read(dir, 8, 0, PLENTY, 1, false);
        ImageSource images = read.images();
        assertThat(images.count()).isEqualTo(6);
        assertThat(images.channels()).isEqualTo(3);
        assertThat(images.labelled()).isFalse();
        assertThat(images.height()).isEqualTo(8);
        assertThat(images.width()).isEqualTo(8);
        assertThat(centre(images.image(0))).containsExactly(77, 77, 77);
        assertThat(centre(images.image(1))).containsExactly(10, 20, 30);
        assertThat(centre(images.image(2))).containsExactly(10, 20, 30);
        assertThat(centre(images.image(3))).containsExactly(5, 6, 7);
        assertThat(centre(images.image(4))).containsExactly(200, 100, 50);
        assertThat(centre(images.image(5))).containsExactly(1, 2, 3);
    }

    /** TwelveMonkeys reads the JPEG variant the JDK rejects (benchmarks/reference/cmyk_jpeg.py wrote it). */
    @Test
    void aCmykJpegIsReadAsRgb() throws Exception {
        Files.copy(Path.of(getClass().getResource("/images/cmyk.jpg").toURI()), dir.resolve("cmyk.jpg"));
        ImageFolder.Read read = ImageFolder.read(dir, 16, 0, PLENTY, 1, false);
        assertThat(read.summary()).doesNotContain("unreadable");
        int[] rgb = centre(read.images().image(0));
        // Pillow converts it to (255, 127, 0); decoders differ in colour management, not in the colour
        assertThat(rgb[0]).isGreaterThan(200);
        assertThat(rgb[1]).isBetween(80, 180);
        assertThat(rgb[2]).isLessThan(60);
    }

    @Test
    void greyImagesStayOneChannelAndTheirStatisticsAreMeasured() throws IOException {
        ImageIO.write(uniformGrey(10, 10, 0), "png", dir.resolve("black.png").toFile());
        ImageIO.write(uniformGrey(10, 10, 255), "png", dir.resolve("white.png").toFile());
        ImageFolder.Read read = ImageFolder.read(dir, 10, 0, PLENTY, 1, false);
        assertThat(read.images().channels()).isEqualTo(1);
        assertThat(read.mean()).containsExactly(0.5f);
        assertThat(read.std()).containsExactly(0.5f);
        assertThat(read.summary()).contains("2 images (no class subfolders), 10 x 10 grey, kept in memory");
    }

    @Test
    void classSubfoldersAreLabelsInNameOrder() throws IOException {
        for (String name : new String[] {"dog/x/1.png", "cat/2.png", "cat/1.png", "emu/1.png"}) {
            Files.createDirectories(dir.resolve(name).getParent());
            ImageIO.write(uniformGrey(6, 6, name.length()), "png", dir.resolve(name).toFile());
        }
        ImageFolder.Read read = ImageFolder.read(dir, 6, 0, PLENTY, 1, true);
        ImageSource images = read.images();
        assertThat(images.labelled()).isTrue();
        assertThat(new int[] {images.label(0), images.label(1), images.label(2), images.label(3)})
                .containsExactly(0, 0, 1, 2);
        assertThat(read.summary()).contains("4 images in 3 classes");
    }

    @Test
    void labelledImagesCannotComeFromAFlatFolder() throws IOException {
        ImageIO.write(uniformGrey(6, 6, 1), "png", dir.resolve("a.png").toFile());
        assertThatThrownBy(() -> ImageFolder.read(dir, 6, 0, PLENTY, 1, true)).isInstanceOf(UserError.class)
                .hasMessageContaining("one subfolder per class");
    }

    @Test
    void aSymbolicLinkLoopIsNotFollowedAndIsReported() throws IOException {
        Files.createDirectories(dir.resolve("a/b"));
        ImageIO.write(uniformGrey(6, 6, 9), "png", dir.resolve("a/b/one.png").toFile());
        Files.createSymbolicLink(dir.resolve("a/b/up"), dir.resolve("a"));
        ImageFolder.Read read = ImageFolder.read(dir, 6, 0, PLENTY, 1, false);
        assertThat(read.images().count()).isEqualTo(1);
        assertThat(read.summary()).contains("did not follow 1 links that loop back (a/b/up)");
    }

    @Test
    void aFolderOverTheMemoryBudgetIsDecodedOnAccessToTheSameImages() throws IOException {
        for (int i = 0; i < 5; i++) {
            BufferedImage image = uniformRgb(30 + i, 25, 10 * i, 3 * i, 255 - i);
            image.setRGB(3, 4, 0xFF_FF_00_00);
            ImageIO.write(image, "png", dir.resolve("img" + i + ".png").toFile());
        }
        ImageFolder.Read memory = ImageFolder.read(dir, 12, 0, PLENTY, 1, false);
        ImageFolder.Read disk = ImageFolder.read(dir, 12, 0, 100, 2, false);
        assertThat(memory.images()).isInstanceOf(ImageSet.class);
        assertThat(disk.images()).isNotInstanceOf(ImageSet.class);
        assertThat(disk.summary()).contains("decoded from disk each epoch");
        for (int i = 0; i < 5; i++) {
            assertThat(disk.images().image(i).pixels()).isEqualTo(memory.images().image(i).pixels());
        }
        assertThat(disk.mean()).containsExactly(memory.mean());
        assertThat(disk.images().first(2).count()).isEqualTo(2);
    }

    @Test
    void anEvaluationSetTakesTheChannelsItIsGiven() throws IOException {
        Files.createDirectories(dir.resolve("c"));
        ImageIO.write(uniformRgb(8, 8, 10, 200, 30), "png", dir.resolve("c/a.png").toFile());
        Image grey = ImageFolder.read(dir, 8, 1, PLENTY, 1, true).images().image(0);
        assertThat(grey.channels()).isEqualTo(1);
        // Pillow's convert("L"): (10 * 299 + 200 * 587 + 30 * 114) / 1000 = 123.8 -> 124
        assertThat(grey.get(4, 4, 0)).isEqualTo(124);
    }

    private static int[] centre(Image image) {
        int[] out = new int[image.channels()];
        for (int c = 0; c < out.length; c++) {
            out[c] = image.get(image.height() / 2, image.width() / 2, c);
        }
        return out;
    }

    private static BufferedImage uniformGrey(int width, int height, int value) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, value);
            }
        }
        return image;
    }

    private static BufferedImage uniformRgb(int width, int height, int r, int g, int b) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        fill(image, (r << 16) | (g << 8) | b);
        return image;
    }

    private static void fill(BufferedImage image, int argb) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, argb);
            }
        }
    }
}
