package dev.contrastive.strongaugment;

import dev.contrastive.api.AugmentationPolicy;
import dev.contrastive.api.ConfigSection;
import dev.contrastive.api.Image;
import dev.contrastive.api.ImageTransform;
import dev.contrastive.api.ViewRequest;
import org.pf4j.Extension;

import java.util.List;

/**
 * The policy {@code strong}: the stronger augmentation of CLSA (Wang and Qi), a RandAugment-style
 * chain of Pillow-exact operations, configured by the run file's {@code augment.strong} section
 * (see {@link StrongAugmentationConfig}). The runtime crops each view from its geometry before any
 * policy runs; the weak jitter and flip are a separate policy that a view lists before this one.
 */
@Extension
public final class StrongAugmentationPolicy implements AugmentationPolicy {

    @Override
    public String name() {
        return "strong";
    }

    @Override
    public String description() {
        return "CLSA stronger augmentation: 5 x a random op of 14 (p 0.5, magnitude 1-9 of 10),"
                + " Pillow 9.4 semantics";
    }

    @Override
    public Class<StrongAugmentationConfig> configType() {
        return StrongAugmentationConfig.class;
    }

    @Override
    public ImageTransform create(ViewRequest view, ConfigSection config) {
        return StrongAugmentation.of(config.bind(StrongAugmentationConfig.class));
    }

    @Override
    public List<String> operations() {
        return Operation.labels();
    }

    /**
     * Applies one operation at its effective parameter: a factor for Brightness, Color, Contrast
     * and Sharpness; bits for Posterize; degrees for Rotate; a coefficient for ShearX/Y; pixels
     * for TranslateX/Y; a threshold for Solarize; nothing for AutoContrast, Equalize, Identity
     * and Invert.
     */
    @Override
    public Image applyOperation(String operation, double value, Image image) {
        Operation op = Operation.byLabel(operation);
        op.checkParameter(value);
        return op.apply(image, value);
    }
}
