package dev.contrastive.inference;

import ai.djl.MalformedModelException;
import ai.djl.repository.zoo.ModelNotFoundException;
import dev.contrastive.api.HeadSpec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * A folder DJL's {@code Criteria} opens as a model: a run folder, or what {@code toolkit export
 * --format djl-zoo} writes. Its {@value #PROPERTIES} names the engine, the {@link EncoderBlockFactory}
 * and the model the block is built from; {@value #BACKBONE} and {@value #HEAD} hold the trained
 * online encoder's backbone and projection head in DJL's parameter format
 * ({@code Block.saveParameters}). The run writes {@value #PROPERTIES} when it starts and the
 * parameters when it finishes, {@value #BACKBONE} last, so an unfinished run is told apart from a
 * damaged one.
 *
 * @param format the folder's format; {@link #FORMAT} is the newest this code reads
 * @param backbone one of {@link Backbones#NAMES}
 * @param width a ResNet's first-stage channels, a ViT's token width
 * @param stem {@code cifar} or {@code imagenet} (a ResNet's; written, and unused, for a ViT)
 * @param headHidden the projection head's hidden units
 * @param headDim the embedding's size
 * @param headBatchNorm whether the head has BatchNorm after its hidden layer (BYOL's)
 * @param imageSize the side of the square images the encoder was trained on
 * @param channels 1 (grey) or 3 (RGB)
 * @param mean per-channel mean on the 0..1 scale, one value or one per channel
 * @param std per-channel deviation, as {@code mean}
 * @param head the projection head's layers ({@code toolkit.head}: a plugin's own head, such as
 *     DINO's or SimSiam's); null, and a folder without the key: the two-layer head of
 *     {@code headHidden}, {@code headDim} and {@code headBatchNorm}
 * @param vit a ViT's sizes ({@code toolkit.vit.*}); null for a ResNet
 */
public record ZooFolder(int format, String backbone, int width, String stem, int headHidden, int headDim,
        boolean headBatchNorm, int imageSize, int channels, float[] mean, float[] std, HeadSpec head, VitSpec vit) {

    /** A ResNet's folder: {@link #vit} null, as before ViTs. */
    public ZooFolder(int format, String backbone, int width, String stem, int headHidden, int headDim,
            boolean headBatchNorm, int imageSize, int channels, float[] mean, float[] std, HeadSpec head) {
        this(format, backbone, width, stem, headHidden, headDim, headBatchNorm, imageSize, channels, mean, std, head,
                null);
    }

    /** The format this code writes and the newest it reads. */
    public static final int FORMAT = 1;

    /** DJL's model description in the folder. */
    public static final String PROPERTIES = "serving.properties";

    /** The backbone's parameters; in a run folder, its presence marks a finished run. */
    public static final String BACKBONE = "encoder.params";

    /** The projection head's parameters. */
    public static final String HEAD = "head.params";

    /** The Criteria argument choosing the output: {@value #FEATURES} or {@value #NORMALIZED}. */
    public static final String EMBEDDING = "embedding";

    /** {@link #EMBEDDING}: the backbone's features ({@link Backbones#featureSize}), as {@code toolkit embed} writes them (the default). */
    public static final String FEATURES = "features";

    /** {@link #EMBEDDING}: the projection head's output, L2-normalised, as the objectives compare them. */
    public static final String NORMALIZED = "normalized";

    private static final String PREFIX = "toolkit.";

    private static final String VIT = PREFIX + "vit.";

    /** The folder's {@value #PROPERTIES}: DJL's keys, then this description under {@code toolkit.}. */
    public byte[] properties() {
        Properties p = new Properties();
        p.setProperty("engine", "PyTorch");
        p.setProperty("modelName", "encoder");
        p.setProperty("blockFactory", EncoderBlockFactory.class.getName());
        p.setProperty("option.hasParameter", "false"); // the block factory loads the parameters
        p.setProperty(EMBEDDING, FEATURES);
        p.setProperty(PREFIX + "format", Integer.toString(format));
        p.setProperty(PREFIX + "backbone", backbone);
        p.setProperty(PREFIX + "width", Integer.toString(width));
        p.setProperty(PREFIX + "stem", stem);
        p.setProperty(PREFIX + "head_hidden", Integer.toString(headHidden));
        p.setProperty(PREFIX + "head_dim", Integer.toString(headDim));
        p.setProperty(PREFIX + "head_batch_norm", Boolean.toString(headBatchNorm));
        p.setProperty(PREFIX + "head", HeadText.of(head));
        p.setProperty(PREFIX + "image_size", Integer.toString(imageSize));
        p.setProperty(PREFIX + "channels", Integer.toString(channels));
        p.setProperty(PREFIX + "mean", floats(mean));
        p.setProperty(PREFIX + "std", floats(std));
        if (vit != null) {
            p.setProperty(VIT + "patch_size", Integer.toString(vit.patchSize()));
            p.setProperty(VIT + "depth", Integer.toString(vit.depth()));
            p.setProperty(VIT + "heads", Integer.toString(vit.heads()));
            p.setProperty(VIT + "mlp_ratio", Integer.toString(vit.mlpRatio()));
            p.setProperty(VIT + "patch_projection", vit.patchProjection());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer out = new java.io.OutputStreamWriter(bytes, StandardCharsets.ISO_8859_1)) {
            p.store(out, "written by the contrastive toolkit: DJL's Criteria opens this folder (docs/java.md)");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a stream in memory
        }
        return bytes.toByteArray();
    }

    private static String floats(float[] values) {
        StringBuilder text = new StringBuilder();
        for (float v : values) {
            text.append(text.length() == 0 ? "" : ",").append(v);
        }
        return text.toString();
    }

    /**
     * Reads the description of {@code folder} and checks that the parameter files are there.
     *
     * @throws ModelNotFoundException when the folder is not one (no {@value #PROPERTIES})
     * @throws MalformedModelException when the run has not finished (no {@value #BACKBONE}), the
     *     description is damaged or of a newer format, or the head's parameters are missing
     */
    public static ZooFolder read(Path folder) throws ModelNotFoundException, MalformedModelException {
        Path file = folder.resolve(PROPERTIES);
        if (!Files.isRegularFile(file)) {
            throw new ModelNotFoundException(folder + " has no " + PROPERTIES + ": it is neither a run folder "
                    + "of a toolkit that writes one nor a folder of toolkit export --format djl-zoo; export the run "
                    + "with toolkit export RUN_DIR --format djl-zoo --out DIR");
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedModelException(file + " cannot be read: " + e.getMessage(), e);
        }
        int format = integer(p, file, "format");
        if (format > FORMAT || format < 1) {
            throw new MalformedModelException(folder + " is in the toolkit's model-zoo format " + format
                    + ", and this toolkit-inference reads format " + FORMAT + " and older: use the toolkit-inference "
                    + "of the toolkit that wrote it");
        }
        ZooFolder zoo;
        try {
            zoo = new ZooFolder(format, text(p, file, "backbone"), integer(p, file, "width"), text(p, file, "stem"),
                    integer(p, file, "head_hidden"), integer(p, file, "head_dim"),
                    Boolean.parseBoolean(text(p, file, "head_batch_norm")), integer(p, file, "image_size"),
                    integer(p, file, "channels"), floats(p, file, "mean"), floats(p, file, "std"),
                    p.containsKey(PREFIX + "head") ? HeadText.parse(text(p, file, "head")) : null,
                    Backbones.VIT.equals(p.getProperty(PREFIX + "backbone")) ? vit(p, file) : null);
        } catch (IllegalArgumentException e) {
            throw new MalformedModelException(file + ": " + e.getMessage(), e);
        }
        if (!Files.isRegularFile(folder.resolve(BACKBONE))) {
            // not ModelNotFoundException: Criteria.loadModel re-wraps that under a message of its own
            throw new MalformedModelException(folder + " is an unfinished run: it has no " + BACKBONE + " yet, "
                    + "which a run writes last, when it finishes. Finish it with toolkit run --resume " + folder
                    + ", or export its newest checkpoint with toolkit export " + folder + " --format djl-zoo --out DIR");
        }
        if (!Files.isRegularFile(folder.resolve(HEAD))) {
            throw new MalformedModelException(folder + " has " + BACKBONE + " but no " + HEAD + ", which is "
                    + "written before it: the folder is damaged or incomplete; export the run again with toolkit "
                    + "export RUN_DIR --format djl-zoo --out DIR");
        }
        return zoo;
    }

    /** Checks the values as the block and the translator use them; a null head is the two-layer one. */
    public ZooFolder {
        head = head != null ? head : HeadSpec.standard(headHidden, headDim, headBatchNorm);
        if (!Backbones.NAMES.contains(backbone)) {
            throw new IllegalArgumentException("toolkit.backbone: '" + backbone + "' is not known; allowed: "
                    + String.join(", ", Backbones.NAMES));
        }
        if ((vit != null) != backbone.equals(Backbones.VIT)) {
            throw new IllegalArgumentException("toolkit.vit: the ViT's sizes are for backbone vit alone");
        }
        if (vit != null && (width % vit.heads() != 0 || imageSize % vit.patchSize() != 0)) {
            throw new IllegalArgumentException("toolkit.vit: " + vit.heads() + " heads of width " + width + " and "
                    + vit.patchSize() + "-px patches of " + imageSize + "-px images do not divide evenly");
        }
        if (!stem.equals("cifar") && !stem.equals("imagenet")) {
            throw new IllegalArgumentException("toolkit.stem: '" + stem + "' is neither cifar nor imagenet");
        }
        if (width < 1 || headHidden < 1 || headDim < 1 || imageSize < 1) {
            throw new IllegalArgumentException("toolkit.width, head_hidden, head_dim and image_size must be >= 1");
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("toolkit.channels: " + channels + "; expected 1 or 3");
        }
        if (mean.length != std.length || (mean.length != 1 && mean.length != channels)) {
            throw new IllegalArgumentException("toolkit.mean and toolkit.std: " + mean.length + " and " + std.length
                    + " values for " + channels + " channels");
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("toolkit.std: " + s + " is not > 0");
            }
        }
    }

    private static String text(Properties p, Path file, String key) throws MalformedModelException {
        String value = p.getProperty(PREFIX + key);
        if (value == null || value.isBlank()) {
            throw new MalformedModelException(file + " has no " + PREFIX + key);
        }
        return value.trim();
    }

    private static int integer(Properties p, Path file, String key) throws MalformedModelException {
        String value = text(p, file, key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new MalformedModelException(file + ": " + PREFIX + key + " is '" + value + "', not an integer");
        }
    }

    /** The {@code toolkit.vit.*} keys; every one is written, so a missing one is damage, not a default. */
    private static VitSpec vit(Properties p, Path file) throws MalformedModelException {
        return new VitSpec(integer(p, file, "vit.patch_size"), integer(p, file, "vit.depth"),
                integer(p, file, "vit.heads"), integer(p, file, "vit.mlp_ratio"), text(p, file, "vit.patch_projection"));
    }

    private static float[] floats(Properties p, Path file, String key) throws MalformedModelException {
        String[] values = text(p, file, key).split(",");
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            try {
                out[i] = Float.parseFloat(values[i].trim());
            } catch (NumberFormatException e) {
                throw new MalformedModelException(file + ": " + PREFIX + key + " is '" + text(p, file, key)
                        + "', not numbers separated by commas");
            }
        }
        return out;
    }

    @Override
    public String toString() {
        String shape = vit == null ? stem + " stem" : vit.toString();
        return String.format(Locale.ROOT, "%s width %d %s, head %s, %d px, %d channel(s)", backbone, width,
                shape, HeadText.of(head), imageSize, channels);
    }
}
