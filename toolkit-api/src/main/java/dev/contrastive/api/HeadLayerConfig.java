package dev.contrastive.api;

/**
 * One layer of a head as a run file writes it, e.g. {@code {units: 512, norm: batch, activation:
 * relu}}: the type a plugin's settings record lists, {@code List<HeadLayerConfig> projector}, for
 * the runtime to bind; {@link HeadSpec#fromConfig} makes the head. Plugins do not construct it
 * (build a {@link HeadSpec} from {@link HeadSpec.Layer}s instead), so a setting added later
 * breaks none.
 *
 * @param units outputs of the layer, in 1..{@value HeadSpec#MAX_UNITS}
 * @param kind {@code linear} (the default), {@code bottleneck} (its output L2-normalised, at most
 *     as wide as its input) or {@code weight_norm} (weight-normalised, no bias, the head's last layer)
 * @param norm after a linear layer: {@code none} (the default), {@code batch} or {@code layer}
 * @param activation after the norm: {@code none} (the default), {@code relu} or {@code gelu}
 * @param bias whether the linear map has a bias (default: yes, except for {@code weight_norm})
 * @since 0.3.0
 */
public record HeadLayerConfig(Integer units, String kind, String norm, String activation, Boolean bias) {

    /** Fills defaults and validates, with messages that start with the offending key. */
    public HeadLayerConfig {
        if (units == null) {
            throw new IllegalArgumentException("units: every layer needs its number of units");
        }
        kind = kind == null ? "linear" : kind;
        norm = norm == null ? "none" : norm;
        activation = activation == null ? "none" : activation;
        bias = bias == null ? HeadSpec.Kind.named(kind) != HeadSpec.Kind.WEIGHT_NORM : bias;
        layer(units, kind, norm, activation, bias);
    }

    /** The layer this describes. */
    HeadSpec.Layer layer() {
        return layer(units, kind, norm, activation, bias);
    }

    private static HeadSpec.Layer layer(int units, String kind, String norm, String activation, boolean bias) {
        HeadSpec.Layer layer = switch (HeadSpec.Kind.named(kind)) {
            case LINEAR -> HeadSpec.Layer.linear(units);
            case BOTTLENECK -> HeadSpec.Layer.bottleneck(units);
            case WEIGHT_NORM -> HeadSpec.Layer.weightNormalized(units);
        };
        return layer.withNorm(HeadSpec.Norm.named(norm)).withActivation(HeadSpec.Activation.named(activation))
                .withBias(bias);
    }
}
