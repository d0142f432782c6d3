package dev.contrastive.api;

import org.pf4j.ExtensionPoint;

import java.util.List;

/**
 * A named factory of image transforms, such as {@code weak} (the MoCo v2 recipe, built in) or
 * {@code strong} (the CLSA stronger augmentation). A {@link ViewRequest} lists policies by name;
 * the runtime builds one transform per policy and view, and chains them.
 *
 * <p>The policy's settings come from the run file's {@code augment.<name>} section.
 */
public interface AugmentationPolicy extends ExtensionPoint {

    /** The key used in run files and view requests, e.g. {@code strong}. */
    String name();

    /** One line for {@code toolkit plugins}. */
    String description();

    /**
     * The record {@link #create} binds its {@code augment.<name>} section to, so that
     * {@code toolkit plugins --verbose} can list its keys and their defaults.
     *
     * @return the record type, or {@code null} for a policy without settings
     * @since 0.2.0
     */
    default Class<? extends Record> configType() {
        return null;
    }

    /**
     * Builds the transform for one view. Configuration errors are reported through
     * {@link ConfigSection#error} so they name the run file's line. The runtime crops every image
     * to the view's geometry before the first policy (since 0.3.0), so a transform receives, and
     * must return, images of {@code view.size()} pixels with the input's channels.
     *
     * @param view the view this transform serves (crop size and scale live here)
     * @param config the {@code augment.<name>} section, possibly empty
     * @return a stateless, thread-safe transform
     */
    ImageTransform create(ViewRequest view, ConfigSection config);

    /**
     * The deterministic operations this policy draws from, by name, for
     * {@code toolkit augment apply}; empty for a policy without named operations.
     */
    default List<String> operations() {
        return List.of();
    }

    /**
     * Applies one named operation with its effective parameter (for example Rotate with
     * {@code 23.5} degrees, Posterize with {@code 5} bits), without any randomness.
     *
     * @param operation one of {@link #operations()}
     * @param value the operation's effective parameter; ignored by operations without one
     * @param image the input
     * @return the output image
     * @throws IllegalArgumentException for an unknown operation or a value out of its range
     */
    default Image applyOperation(String operation, double value, Image image) {
        throw new IllegalArgumentException(
                "policy '" + name() + "' has no named operations; it has: " + operations());
    }
}
