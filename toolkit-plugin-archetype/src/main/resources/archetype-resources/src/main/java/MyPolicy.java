package ${package};

import dev.contrastive.api.AugmentationPolicy;
import dev.contrastive.api.ConfigSection;
import dev.contrastive.api.Image;
import dev.contrastive.api.ImageTransform;
import dev.contrastive.api.ViewRequest;
import org.pf4j.Extension;

import java.util.List;

/**
 * The augmentation policy {@code ${policyName}}: inverts an image's intensities with probability
 * {@code p}, a starting point to replace with your own transform. A run file puts it into every
 * weak view with {@code augment.weak.then: [${policyName}]} and configures it under
 * {@code augment.${policyName}:}.
 */
@Extension
public class MyPolicy implements AugmentationPolicy {

    /** The run file's {@code augment.${policyName}:} section. @param p probability of inverting, in [0, 1] */
    public record Settings(Double p) {
        /** Fills the default and validates. */
        public Settings {
            p = p == null ? 0.5 : p;
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("p must be in [0, 1], got " + p);
            }
        }
    }

    @Override
    public String name() {
        return "${policyName}";
    }

    @Override
    public String description() {
        return "inverts intensities with probability p (a plugin skeleton)";
    }

    @Override
    public Class<Settings> configType() {
        return Settings.class;
    }

    @Override
    public ImageTransform create(ViewRequest view, ConfigSection config) {
        double p = config.bind(Settings.class).p();
        // stateless: every random number comes from the generator of the call, so runs reproduce
        return (image, random) -> random.nextDouble() < p ? invert(image) : image;
    }

    @Override
    public List<String> operations() {
        return List.of("invert");
    }

    @Override
    public Image applyOperation(String operation, double value, Image image) {
        if (!operation.equals("invert")) {
            throw new IllegalArgumentException("unknown operation '" + operation + "'; this policy has: invert");
        }
        return invert(image);
    }

    private static Image invert(Image image) {
        byte[] pixels = image.pixels().clone();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (255 - (pixels[i] & 0xFF));
        }
        return Image.of(image.height(), image.width(), image.channels(), pixels);
    }
}
