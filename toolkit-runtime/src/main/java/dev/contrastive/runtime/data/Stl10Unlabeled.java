package dev.contrastive.runtime.data;

import dev.contrastive.api.Image;
import dev.contrastive.runtime.UserError;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * STL-10's unlabeled split, 100,000 images in 2.8 GB, more than one Java array holds: each image
 * is read from the file when the loader asks for it. The file is memory-mapped in chunks of whole
 * records, so the page cache, not the heap, keeps what was read, and the loader's worker threads
 * read concurrently: absolute reads leave a buffer's position alone. (Not {@code FileChannel}
 * reads: an interrupted worker would close the channel for every thread.) With a size set, each
 * image is brought to it on access, as {@link Datasets#conformed} does for images in memory.
 */
final class Stl10Unlabeled implements ImageSource {

    /** The most records one mapping holds: a buffer addresses at most 2 GiB. */
    static final int MAX_CHUNK_RECORDS = Integer.MAX_VALUE / Stl10Reader.IMAGE_BYTES;

    private final ByteBuffer[] chunks;
    private final int chunkRecords;
    private final int count;
    private final int side;

    private Stl10Unlabeled(ByteBuffer[] chunks, int chunkRecords, int count, int side) {
        this.chunks = chunks;
        this.chunkRecords = chunkRecords;
        this.count = count;
        this.side = side;
    }

    /**
     * Maps STL-10's {@code unlabeled_X.bin}.
     *
     * @param size side of the images given out; 0 for STL-10's own 96
     * @throws UserError naming the file when it is missing, truncated or unreadable
     */
    static Stl10Unlabeled open(Path file, int size) {
        return open(file, size, MAX_CHUNK_RECORDS);
    }

    /** {@link #open(Path, int)} with {@code chunkRecords} records per mapping. */
    static Stl10Unlabeled open(Path file, int size, int chunkRecords) {
        int count = Stl10Reader.count(file);
        ByteBuffer[] chunks = new ByteBuffer[(count + chunkRecords - 1) / chunkRecords];
        // a mapping stays valid after its channel is closed
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int k = 0; k < chunks.length; k++) {
                long first = (long) k * chunkRecords;
                long records = Math.min(chunkRecords, count - first);
                chunks[k] = channel.map(FileChannel.MapMode.READ_ONLY, first * Stl10Reader.IMAGE_BYTES,
                        records * Stl10Reader.IMAGE_BYTES);
            }
        } catch (IOException e) {
            throw new UserError(UserError.DATA, "cannot read " + file + ": " + e.getMessage());
        }
        return new Stl10Unlabeled(chunks, chunkRecords, count, size == 0 ? Stl10Reader.SIDE : size);
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public int height() {
        return side;
    }

    @Override
    public int width() {
        return side;
    }

    @Override
    public int channels() {
        return 3;
    }

    @Override
    public Image image(int i) {
        Objects.checkIndex(i, count);
        byte[] record = new byte[Stl10Reader.IMAGE_BYTES];
        chunks[i / chunkRecords].get((i % chunkRecords) * Stl10Reader.IMAGE_BYTES, record);
        return ImageDecoder.centreSquare(Stl10Reader.image(record), side);
    }

    @Override
    public int[] labels() {
        return null;
    }

    @Override
    public ImageSource first(int n) {
        return n <= 0 || n >= count ? this : new Stl10Unlabeled(chunks, chunkRecords, n, side);
    }
}
