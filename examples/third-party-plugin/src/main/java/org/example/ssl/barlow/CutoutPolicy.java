package org.example.ssl.barlow;

import dev.contrastive.api.AugmentationPolicy;
import dev.contrastive.api.ConfigSection;
import dev.contrastive.api.Image;
import dev.contrastive.api.ImageTransform;
import dev.contrastive.api.ViewRequest;
import org.pf4j.Extension;

import java.util.List;

/**
 * The policy {@code cutout}: random erasing of one square per image (see {@link Cutout}),
 * configured by the run file's {@code augment.cutout} section ({@link CutoutConfig}). Its one
 * named operation, {@code cutout}, erases a centred square deterministically, for
 * {@code toolkit augment apply --op cutout --value 0.5}.
 */
@Extension
public final class CutoutPolicy implements AugmentationPolicy {

    /** The policy's name and that of its one operation. */
    public static final String NAME = "cutout";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Cutout: with probability p, one square of size x side at a random centre set to fill";
    }

    /** The {@code augment.cutout:} section's record, so that {@code toolkit plugins --verbose} lists its keys and defaults. */
    @Override
    public Class<CutoutConfig> configType() {
        return CutoutConfig.class;
    }

    @Override
    public ImageTransform create(ViewRequest view, ConfigSection config) {
        return Cutout.of(config.bind(CutoutConfig.class));
    }

    @Override
    public List<String> operations() {
        return List.of(NAME);
    }

    /**
     * Erases, with 0 (black), the square of side {@code value × side} centred on the image:
     * {@code value} in (0, 1], 1 erasing the whole image.
     */
    @Override
    public Image applyOperation(String operation, double value, Image image) {
        if (!NAME.equals(operation)) {
            throw new IllegalArgumentException("policy '" + NAME + "' has no operation '" + operation
                    + "'; it has: " + operations());
        }
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException("cutout: value is the square's side as a fraction of the image side, "
                    + "in (0, 1], got " + value);
        }
        return Cutout.erase(image, image.height() / 2, image.width() / 2, Cutout.side(image, value), (byte) 0);
    }
}
