package dev.contrastive.strongaugment;

import dev.contrastive.api.Image;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The fifteen image operations of the stronger augmentation, each with the map from a magnitude
 * {@code v} in 0..10 to its effective parameter (as the published CLSA code computes it) and the
 * Pillow 9.4 operation it performs at that parameter.
 */
enum Operation {

    AUTO_CONTRAST("AutoContrast", Parameter.NONE),
    BRIGHTNESS("Brightness", Parameter.FACTOR),
    COLOR("Color", Parameter.FACTOR),
    CONTRAST("Contrast", Parameter.FACTOR),
    EQUALIZE("Equalize", Parameter.NONE),
    IDENTITY("Identity", Parameter.NONE),
    INVERT("Invert", Parameter.NONE),
    POSTERIZE("Posterize", Parameter.BITS),
    ROTATE("Rotate", Parameter.DEGREES),
    SHARPNESS("Sharpness", Parameter.FACTOR),
    SHEAR_X("ShearX", Parameter.SHEAR),
    SHEAR_Y("ShearY", Parameter.SHEAR),
    SOLARIZE("Solarize", Parameter.THRESHOLD),
    TRANSLATE_X("TranslateX", Parameter.PIXELS),
    TRANSLATE_Y("TranslateY", Parameter.PIXELS);

    /** What an operation's effective parameter is, with its range and magnitude map. */
    enum Parameter {
        /** No parameter. */
        NONE,
        /** Enhancement factor {@code v * 0.9 / 10 + 0.05}; any finite value >= 0. */
        FACTOR,
        /** Bits kept, {@code floor(v * 4 / 10) + 4}; a whole number 0..8. */
        BITS,
        /** Counter-clockwise degrees, {@code ±floor(v * 30 / 10)}; any finite value. */
        DEGREES,
        /** Shear coefficient, {@code ±v * 0.3 / 10}; any finite value. */
        SHEAR,
        /** Shift in pixels, {@code trunc(±v * 0.3 / 10 * size)}; any finite value. */
        PIXELS,
        /** Solarize threshold, {@code 256 - floor(v * 256 / 10)}; any value 0..256. */
        THRESHOLD
    }

    private static final Map<String, Operation> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(
                    op -> op.label.toLowerCase(Locale.ROOT), Function.identity()));

    private final String label;
    private final Parameter parameter;

    Operation(String label, Parameter parameter) {
        this.label = label;
        this.parameter = parameter;
    }

    /** The name used in config files and on the command line, e.g. {@code ShearX}. */
    String label() {
        return label;
    }

    Parameter parameter() {
        return parameter;
    }

    /** Whether the magnitude map draws a random sign. */
    boolean signed() {
        return parameter == Parameter.DEGREES || parameter == Parameter.SHEAR
                || parameter == Parameter.PIXELS;
    }

    @Override
    public String toString() {
        return label;
    }

    /** All names, in declaration (alphabetical) order. */
    static List<String> labels() {
        return Arrays.stream(values()).map(Operation::label).toList();
    }

    /**
     * The operation called {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the allowed operations
     */
    static Operation byLabel(String name) {
        Operation op = name == null ? null : BY_NAME.get(name.toLowerCase(Locale.ROOT));
        if (op == null) {
            throw new IllegalArgumentException(
                    "unknown operation '" + name + "'; allowed: " + String.join(", ", labels()));
        }
        return op;
    }

    /**
     * The effective parameter at magnitude {@code v}, as the CLSA reference computes it.
     *
     * @param v the magnitude, 0..10
     * @param negative the random sign, used by signed operations only
     * @param image the image about to be transformed (translations scale with its size)
     * @return the parameter, {@code NaN} for operations without one
     */
    double parameterAt(int v, boolean negative, Image image) {
        double sign = negative ? -1 : 1;
        return switch (parameter) {
            case NONE -> Double.NaN;
            case FACTOR -> v * 0.9 / 10 + 0.05;
            case BITS -> (int) (v * 4 / 10.0) + 4;
            case DEGREES -> sign * (int) (v * 30 / 10.0);
            case SHEAR -> sign * (v * 0.3 / 10);
            case PIXELS -> (int) (sign * (v * 0.3 / 10)
                    * (this == TRANSLATE_X ? image.width() : image.height()));
            case THRESHOLD -> 256 - (int) (v * 256 / 10.0);
        };
    }

    /**
     * Checks an effective parameter given by a user.
     *
     * @throws IllegalArgumentException saying what is allowed
     */
    void checkParameter(double value) {
        String problem = switch (parameter) {
            case NONE -> null;
            case FACTOR -> Double.isFinite(value) && value >= 0
                    ? null : "a factor >= 0 (1 keeps the image)";
            case BITS -> value == Math.rint(value) && value >= 0 && value <= 8
                    ? null : "a whole number of bits 0..8";
            case DEGREES -> Double.isFinite(value) ? null : "finite degrees";
            case SHEAR -> Double.isFinite(value) ? null : "a finite shear coefficient";
            case PIXELS -> Double.isFinite(value) ? null : "a finite number of pixels";
            case THRESHOLD -> value >= 0 && value <= 256
                    ? null : "a threshold 0..256 (256 keeps the image)";
        };
        if (problem != null) {
            throw new IllegalArgumentException(
                    label + " takes " + problem + ", got " + value);
        }
    }

    /** Applies this operation at its effective parameter; no randomness. */
    Image apply(Image image, double value) {
        return switch (this) {
            case AUTO_CONTRAST -> LookupTables.autoContrast(image);
            case BRIGHTNESS -> Enhancement.brightness(image, value);
            case COLOR -> Enhancement.color(image, value);
            case CONTRAST -> Enhancement.contrast(image, value);
            case EQUALIZE -> LookupTables.equalize(image);
            case IDENTITY -> image;
            case INVERT -> LookupTables.invert(image);
            case POSTERIZE -> LookupTables.posterize(image, (int) value);
            case ROTATE -> AffineSampler.rotate(image, value);
            case SHARPNESS -> Enhancement.sharpness(image, value);
            case SHEAR_X -> AffineSampler.transform(image, 1, value, 0, 0, 1, 0);
            case SHEAR_Y -> AffineSampler.transform(image, 1, 0, 0, value, 1, 0);
            case SOLARIZE -> LookupTables.solarize(image, value);
            case TRANSLATE_X -> AffineSampler.transform(image, 1, 0, value, 0, 1, 0);
            case TRANSLATE_Y -> AffineSampler.transform(image, 1, 0, 0, 0, 1, value);
        };
    }
}
