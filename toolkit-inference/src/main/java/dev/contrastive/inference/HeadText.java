package dev.contrastive.inference;

import dev.contrastive.api.HeadSpec;
import dev.contrastive.api.HeadSpec.Activation;
import dev.contrastive.api.HeadSpec.Kind;
import dev.contrastive.api.HeadSpec.Layer;
import dev.contrastive.api.HeadSpec.Norm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link HeadSpec} as one line of text, for {@code serving.properties}: its layers joined by
 * {@code ,}, each {@code kind:units:norm:activation:bias}, the names as a run file's
 * {@code projector:} writes them, e.g. {@code linear:512:batch:relu:true,linear:128:none:none:true}.
 */
final class HeadText {

    private HeadText() {
    }

    /** The line of {@code spec}. */
    static String of(HeadSpec spec) {
        List<String> layers = new ArrayList<>();
        for (Layer layer : spec.layers()) {
            layers.add(name(layer.kind()) + ":" + layer.units() + ":" + name(layer.norm()) + ":"
                    + name(layer.activation()) + ":" + layer.bias());
        }
        return String.join(",", layers);
    }

    /**
     * The spec of a line {@link #of} wrote.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static HeadSpec parse(String text) {
        List<Layer> layers = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String[] fields = part.split(":", -1);
            if (fields.length != 5 || !(fields[4].equals("true") || fields[4].equals("false"))) {
                throw new IllegalArgumentException("a layer is kind:units:norm:activation:bias, got '" + part + "'");
            }
            int units;
            try {
                units = Integer.parseInt(fields[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("units must be a number, got '" + fields[1] + "'", e);
            }
            Layer layer = switch (Kind.named(fields[0])) {
                case LINEAR -> Layer.linear(units).withNorm(Norm.named(fields[2]))
                        .withActivation(Activation.named(fields[3]));
                case BOTTLENECK -> Layer.bottleneck(units);
                case WEIGHT_NORM -> Layer.weightNormalized(units);
            };
            layers.add(layer.withBias(Boolean.parseBoolean(fields[4])));
        }
        return HeadSpec.of(layers.toArray(new Layer[0]));
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
