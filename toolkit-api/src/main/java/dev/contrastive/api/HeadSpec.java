package dev.contrastive.api;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The layers of a projection head or predictor, in order: each a linear layer of some units,
 * optionally followed by a normalisation and an activation; a head may also have an
 * L2-normalised bottleneck and end in a weight-normalised layer, as DINO's does. Built with
 * {@link #of} from {@link Layer}s, or from a run file's list of layers with {@link #fromConfig};
 * handed to {@link BaseContext#encoder(String, HeadSpec)} and {@link BaseContext#head(String, int,
 * HeadSpec)}.
 *
 * @since 0.3.0
 */
public final class HeadSpec {

    /** The most units a layer may have: a layer's weights are held in memory. */
    public static final int MAX_UNITS = 16384;

    /** What follows a linear layer's output before its activation. */
    public enum Norm {
        /** Nothing. */
        NONE,
        /** BatchNorm over the batch (batch statistics in training, running ones in inference). */
        BATCH,
        /** LayerNorm over each row's units, learnable scale and shift (1 and 0 at first), ε 1e-5. */
        LAYER;

        /** The value of a run file's {@code norm:} key ({@code none}, {@code batch}, {@code layer}). */
        public static Norm named(String name) {
            return parse(Norm.class, "norm", name);
        }
    }

    /** The activation after a linear layer (and its norm). */
    public enum Activation {
        /** None: the layer stays linear. */
        NONE,
        /** {@code max(0, x)}. */
        RELU,
        /** The Gaussian error linear unit {@code x · Φ(x)}. */
        GELU;

        /** The value of a run file's {@code activation:} key ({@code none}, {@code relu}, {@code gelu}). */
        public static Activation named(String name) {
            return parse(Activation.class, "activation", name);
        }
    }

    /** What a layer computes beyond its linear map. */
    public enum Kind {
        /** A linear map, then its norm and activation. */
        LINEAR,
        /** A linear map whose output rows are L2-normalised (no norm, no activation). */
        BOTTLENECK,
        /**
         * A linear map without bias whose weight rows are divided by their L2 norm,
         * {@code y = x · (v / |v|)ᵀ}: PyTorch's {@code weight_norm} with the gain {@code g} fixed at 1,
         * as DINO's last layer with {@code norm_last_layer}. Only as a head's last layer.
         */
        WEIGHT_NORM;

        /** The value of a run file's {@code kind:} key ({@code linear}, {@code bottleneck}, {@code weight_norm}). */
        public static Kind named(String name) {
            return parse(Kind.class, "kind", name);
        }
    }

    /** One layer of a head. Immutable; {@code with} methods return a changed copy. */
    public static final class Layer {

        private final int units;
        private final Kind kind;
        private final Norm norm;
        private final Activation activation;
        private final boolean bias;

        private Layer(int units, Kind kind, Norm norm, Activation activation, boolean bias) {
            if (units < 1 || units > MAX_UNITS) {
                throw new IllegalArgumentException("units must be in 1.." + MAX_UNITS + ", got " + units);
            }
            if (kind != Kind.LINEAR && (norm != Norm.NONE || activation != Activation.NONE)) {
                throw new IllegalArgumentException("norm and activation follow a linear layer only, not a "
                        + name(kind));
            }
            if (kind == Kind.WEIGHT_NORM && bias) {
                throw new IllegalArgumentException("bias: a weight_norm layer has none");
            }
            this.units = units;
            this.kind = kind;
            this.norm = norm;
            this.activation = activation;
            this.bias = bias;
        }

        /** A linear layer of {@code units} outputs with bias, no norm and no activation. */
        public static Layer linear(int units) {
            return new Layer(units, Kind.LINEAR, Norm.NONE, Activation.NONE, true);
        }

        /** A linear layer of {@code units} outputs with bias, its output L2-normalised. */
        public static Layer bottleneck(int units) {
            return new Layer(units, Kind.BOTTLENECK, Norm.NONE, Activation.NONE, true);
        }

        /** A weight-normalised linear layer of {@code units} outputs ({@link Kind#WEIGHT_NORM}). */
        public static Layer weightNormalized(int units) {
            return new Layer(units, Kind.WEIGHT_NORM, Norm.NONE, Activation.NONE, false);
        }

        /** This layer with {@code norm} after its linear map. */
        public Layer withNorm(Norm norm) {
            return new Layer(units, kind, norm, activation, bias);
        }

        /** This layer with {@code activation} last. */
        public Layer withActivation(Activation activation) {
            return new Layer(units, kind, norm, activation, bias);
        }

        /** This layer with or without the linear map's bias. */
        public Layer withBias(boolean bias) {
            return new Layer(units, kind, norm, activation, bias);
        }

        /** Outputs of the layer. */
        public int units() {
            return units;
        }

        /** What it computes beyond its linear map. */
        public Kind kind() {
            return kind;
        }

        /** Its normalisation. */
        public Norm norm() {
            return norm;
        }

        /** Its activation. */
        public Activation activation() {
            return activation;
        }

        /** Whether its linear map has a bias. */
        public boolean bias() {
            return bias;
        }
    }

    private final List<Layer> layers;
    private final String key;

    private HeadSpec(List<Layer> layers, String key) {
        this.layers = List.copyOf(layers);
        this.key = key;
        if (this.layers.isEmpty()) {
            throw new IllegalArgumentException(prefix(-1) + "a head needs at least one layer");
        }
        for (int i = 0; i < this.layers.size(); i++) {
            Layer layer = this.layers.get(i);
            if (layer.kind() == Kind.WEIGHT_NORM && i < this.layers.size() - 1) {
                throw new IllegalArgumentException(prefix(i) + "kind: a weight_norm layer must be the head's last");
            }
            String wide = i > 0 && layer.kind() == Kind.BOTTLENECK ? tooWide(i, this.layers.get(i - 1).units()) : null;
            if (wide != null) {
                throw new IllegalArgumentException(prefix(i) + "units: " + wide);
            }
        }
    }

    /**
     * A head of these layers.
     *
     * @throws IllegalArgumentException if there are none, a weight-normalised layer is not the last,
     *     or a bottleneck has more units than the layer before it
     */
    public static HeadSpec of(Layer... layers) {
        return new HeadSpec(Arrays.asList(layers), null);
    }

    /**
     * A head of the layers a run file lists under {@code key} of a plugin's section, e.g.
     * {@code projector}; errors name the layer as {@code key.<index>.<setting>}, which the runtime
     * locates at its line. A settings record calls it in its constructor, to refuse a bad head when
     * the section is bound, and again where the head is built.
     *
     * @param layers the bound list, or null when the section does not give one
     * @return the head, or null for a null list (the plugin's default head)
     * @throws IllegalArgumentException as {@link #of}
     */
    public static HeadSpec fromConfig(String key, List<HeadLayerConfig> layers) {
        return layers == null ? null : new HeadSpec(layers.stream().map(HeadLayerConfig::layer).toList(), key);
    }

    /**
     * Today's default head, {@code linear(hidden), [BatchNorm], ReLU, linear(out)}: MoCo v2's and
     * SimCLR's, and BYOL's with {@code batchNorm}.
     */
    public static HeadSpec standard(int hidden, int out, boolean batchNorm) {
        return of(Layer.linear(hidden).withNorm(batchNorm ? Norm.BATCH : Norm.NONE).withActivation(Activation.RELU),
                Layer.linear(out));
    }

    /** The layers, in order. */
    public List<Layer> layers() {
        return layers;
    }

    /** Width of the head's output: its last layer's units. */
    public int outputSize() {
        return layers.get(layers.size() - 1).units();
    }

    /**
     * Checks the head against the width of its input: a bottleneck first may not be wider.
     *
     * @param config the section the spec came from ({@link #fromConfig}), for the error's line
     * @throws ConfigException at the layer's line, if the spec came from a run file
     * @throws IllegalArgumentException naming the layer, if it did not
     */
    public void checkInput(int inputSize, ConfigSection config) {
        String wide = layers.get(0).kind() == Kind.BOTTLENECK ? tooWide(0, inputSize) : null;
        if (wide != null) {
            throw key == null ? new IllegalArgumentException(prefix(0) + "units: " + wide)
                    : config.error(key + ".0.units", wide);
        }
    }

    /** Why layer {@code index}, a bottleneck, does not fit its input; null when it does. */
    private String tooWide(int index, int inputSize) {
        int units = layers.get(index).units();
        return units > inputSize ? "a bottleneck of " + units + " units is larger than its input, " + inputSize
                + " wide" : null;
    }

    /** Where an error is: {@code key: } or {@code key.index.} from a run file, else {@code layer index }. */
    private String prefix(int index) {
        if (key == null) {
            return index < 0 ? "" : "layer " + index + " ";
        }
        return index < 0 ? key + ": " : key + "." + index + ".";
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String key, String name) {
        for (E value : type.getEnumConstants()) {
            if (name(value).equals(name)) {
                return value;
            }
        }
        throw new IllegalArgumentException(key + " must be one of " + String.join(", ",
                Arrays.stream(type.getEnumConstants()).map(HeadSpec::name).toList()) + ", got " + name);
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
