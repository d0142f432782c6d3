package dev.contrastive.runtime.data;

import dev.contrastive.api.Image;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.io.NameLines;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * A folder of image files read for training or evaluation. Every file is decoded once at load, in
 * {@code workers} threads, to find the unreadable ones (skipped and counted, never a crash), the
 * channels (RGB when any image has colour) and the per-channel statistics. The images are then
 * kept as compact bytes when they fit the memory budget; otherwise only their paths are kept and
 * the loader's workers decode each one again whenever a batch needs it.
 */
public final class ImageFolder {

    /** How many names a message lists before "and N more". */
    private static final int NAMES_SHOWN = 3;

    /**
     * What was read.
     *
     * @param images the images, in memory or decoded on access
     * @param mean per-channel mean on the 0..1 scale, measured on the images
     * @param std per-channel deviation on the 0..1 scale, measured on the images
     * @param summary one line: how many images, classes, what was skipped and where they are kept
     * @param names each image's file, relative to the folder, in the images' order
     */
    public record Read(ImageSource images, float[] mean, float[] std, String summary, List<String> names) {
    }

    private ImageFolder() {
    }

    /**
     * Reads the images under {@code root} at {@code size × size}.
     *
     * @param channels 1 or 3 to force the channels (an evaluation set follows its training set); 0 to choose
     * @param cacheBytes the most bytes of decoded images kept in memory
     * @param needLabels refuse a folder without class subfolders
     * @throws UserError if the folder holds no readable image, or no classes when they are needed
     */
    public static Read read(Path root, int size, int channels, long cacheBytes, int workers, boolean needLabels) {
        ImageFiles files = ImageFiles.scan(root);
        if (needLabels && !files.labelled() && !files.files().isEmpty()) {
            throw new UserError(UserError.DATA, "image folder " + root + " has images of its own; labelled "
                    + "evaluation images need one subfolder per class (" + root + "/CLASS/IMAGE)");
        }
        int n = files.files().size();
        // kept only when even one grey channel fits the budget, so a large folder never sits in memory
        boolean keep = (long) n * size * size <= cacheBytes;
        Decoded[] decoded = decodeAll(files.files(), size, workers, keep);
        List<Integer> good = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (decoded[i].problem() == null) {
                good.add(i);
            } else {
                unreadable.add(files.files().get(i).getFileName() + " (" + decoded[i].problem() + ")");
            }
        }
        String skipped = skipped(files, unreadable);
        if (good.isEmpty()) {
            throw new UserError(UserError.DATA, "no readable image in " + root + " (images: "
                    + String.join(", ", ImageFiles.EXTENSIONS.stream().sorted().toList()) + ", found recursively)"
                    + (skipped.isEmpty() ? "" : "; " + skipped));
        }
        int c = channels != 0 ? channels : good.stream().anyMatch(i -> decoded[i].channels() == 3) ? 3 : 1;
        List<Path> paths = good.stream().map(files.files()::get).toList();
        int[] labels = files.labelled() ? good.stream().mapToInt(i -> files.labels()[i]).toArray() : null;
        double[] sums = new double[c];
        double[] squares = new double[c];
        for (int i : good) {
            decoded[i].addTo(sums, squares);
        }
        long bytes = (long) good.size() * size * size * c;
        boolean inMemory = keep && bytes <= cacheBytes && bytes <= Integer.MAX_VALUE - 8;
        byte[] pixels = inMemory ? new byte[(int) bytes] : null;
        for (int k = 0; inMemory && k < good.size(); k++) {
            Image image = ImageDecoder.withChannels(decoded[good.get(k)].image(), c);
            System.arraycopy(image.pixels(), 0, pixels, k * size * size * c, size * size * c);
        }
        ImageSource images = inMemory ? new ImageSet(good.size(), size, size, c, pixels, labels)
                : new DecodedOnAccess(paths, labels, size, c);
        long values = (long) good.size() * size * size;
        float[] mean = new float[c];
        float[] std = new float[c];
        for (int ch = 0; ch < c; ch++) {
            double m = sums[ch] / values;
            mean[ch] = (float) m;
            std[ch] = (float) Math.max(Math.sqrt(Math.max(squares[ch] / values - m * m, 0)), 1.0 / 255);
        }
        String summary = root + ": " + good.size() + " images"
                + (files.labelled() ? " in " + files.classes().size() + " classes" : " (no class subfolders)")
                + ", " + size + " x " + size + (c == 3 ? " RGB" : " grey") + ", "
                + (inMemory ? "kept in memory (" + mib(bytes) + ")"
                        : "decoded from disk each epoch (" + mib(bytes) + " exceeds data.cache_mb)")
                + (skipped.isEmpty() ? "" : "; " + skipped);
        return new Read(images, mean, std, summary,
                paths.stream().map(path -> root.relativize(path).toString()).toList());
    }

    /**
     * One decoded file: the image when kept, its channels and per-channel sums of values and squares
     * (0..1 scale); or why it could not be read.
     */
    private record Decoded(Image image, int channels, double[] sums, double[] squares, String problem) {

        static Decoded of(Image image, boolean keep) {
            int c = image.channels();
            double[] sums = new double[c];
            double[] squares = new double[c];
            byte[] pixels = image.pixels();
            for (int i = 0; i < pixels.length; i++) {
                double v = (pixels[i] & 0xFF) / 255.0;
                sums[i % c] += v;
                squares[i % c] += v * v;
            }
            return new Decoded(keep ? image : null, c, sums, squares, null);
        }

        /** Adds this image's sums to a set's, a grey image to every channel of a colour set. */
        void addTo(double[] setSums, double[] setSquares) {
            for (int ch = 0; ch < setSums.length; ch++) {
                setSums[ch] += sums[Math.min(ch, channels - 1)];
                setSquares[ch] += squares[Math.min(ch, channels - 1)];
            }
        }
    }

    /** Decodes every file in {@code workers} threads. */
    private static Decoded[] decodeAll(List<Path> files, int size, int workers, boolean keep) {
        ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "decoder");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Decoded>> results = new ArrayList<>();
            for (Path file : files) {
                results.add(pool.submit(() -> {
                    try {
                        return Decoded.of(ImageDecoder.read(file, size), keep);
                    } catch (ImageDecoder.UnreadableImageException e) {
                        return new Decoded(null, 0, null, null, e.getMessage());
                    }
                }));
            }
            Decoded[] out = new Decoded[files.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = results.get(i).get();
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding images", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("decoding failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * What was left out, or empty: non-image files, unreadable images, entries that are not files
     * (a dangling link), link loops; a few names of each, each kept on the line ({@link NameLines}).
     */
    private static String skipped(ImageFiles files, List<String> unreadable) {
        List<String> parts = new ArrayList<>();
        if (!files.otherFiles().isEmpty()) {
            parts.add("skipped " + files.otherFiles().size() + " files that are not images ("
                    + names(files.otherFiles().stream().map(Path::toString).toList()) + ")");
        }
        if (!unreadable.isEmpty()) {
            parts.add("skipped " + unreadable.size() + " unreadable images (" + names(unreadable) + ")");
        }
        if (!files.notFiles().isEmpty()) {
            parts.add("skipped " + files.notFiles().size() + " entries that are not files (" + names(files.notFiles())
                    + ")");
        }
        if (!files.loops().isEmpty()) {
            parts.add("did not follow " + files.loops().size() + " links that loop back ("
                    + names(files.loops().stream().map(Path::toString).toList()) + ")");
        }
        return String.join("; ", parts);
    }

    private static String names(List<String> names) {
        String shown = names.stream().limit(NAMES_SHOWN).map(NameLines::escape).collect(Collectors.joining(", "));
        return names.size() > NAMES_SHOWN ? shown + " and " + (names.size() - NAMES_SHOWN) + " more" : shown;
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    /** Images decoded from their files on every access: for folders larger than the memory budget. */
    private record DecodedOnAccess(List<Path> paths, int[] labels, int side, int channels) implements ImageSource {

        @Override
        public int count() {
            return paths.size();
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
        public Image image(int i) {
            try {
                return ImageDecoder.withChannels(ImageDecoder.read(paths.get(i), side), channels);
            } catch (ImageDecoder.UnreadableImageException e) {
                // it was readable at load: the folder changed under the run
                throw new UserError(UserError.DATA, paths.get(i) + " can no longer be read (" + e.getMessage()
                        + "); it was readable when the run started");
            }
        }



        @Override
        public ImageSource first(int n) {
            if (n <= 0 || n >= paths.size()) {
                return this;
            }
            return new DecodedOnAccess(paths.subList(0, n), labels == null ? null
                    : java.util.Arrays.copyOf(labels, n), side, channels);
        }
    }
}
