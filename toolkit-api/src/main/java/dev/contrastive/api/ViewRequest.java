package dev.contrastive.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A view an objective needs for every sample of a batch: the loader crops each image to
 * {@link #size()} pixels (area fraction drawn from {@link #minScale()}..{@link #maxScale()}) and
 * runs the named augmentation policies in order. The batch then holds the view under its
 * {@link #name()} as a float tensor {@code N × C × size × size}, normalised with the data set's
 * mean and deviation. A view may carry settings of its own for a policy, which override the run
 * file's {@code augment.<policy>} section for this view alone (BYOL's asymmetric blur and
 * solarisation). A class with a factory rather than a record, so that a part added later does not
 * change a constructor compiled plugins call.
 */
public final class ViewRequest {

    private final String name;
    private final List<String> policies;
    private final int size;
    private final double minScale;
    private final double maxScale;
    private final Map<String, Map<String, Object>> settings;

    private ViewRequest(String name, List<String> policies, int size, double minScale, double maxScale,
            Map<String, Map<String, Object>> settings) {
        this.name = Objects.requireNonNull(name, "name");
        this.policies = List.copyOf(policies);
        if (size < 1) {
            throw new IllegalArgumentException("view '" + name + "': size must be positive");
        }
        if (!(minScale > 0 && minScale <= maxScale && maxScale <= 1)) {
            throw new IllegalArgumentException(
                    "view '" + name + "': scale must satisfy 0 < min <= max <= 1");
        }
        this.size = size;
        this.minScale = minScale;
        this.maxScale = maxScale;
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        settings.forEach((policy, values) -> copy.put(policy, Map.copyOf(values)));
        this.settings = Map.copyOf(copy);
    }

    /**
     * A view request, its crop geometry checked.
     *
     * @param name key of the view in the {@link ViewBatch}, unique within a run
     * @param policies names of {@link AugmentationPolicy} extensions, applied left to right
     * @param size output side in pixels
     * @param minScale smallest crop area, as a fraction of the image, in (0, 1]
     * @param maxScale largest crop area, in [minScale, 1]
     * @since 0.3.0
     */
    public static ViewRequest of(String name, List<String> policies, int size, double minScale, double maxScale) {
        return new ViewRequest(name, policies, size, minScale, maxScale, Map.of());
    }

    /** This view under another name, the rest unchanged (a second view of the same kind). */
    public ViewRequest named(String newName) {
        return new ViewRequest(newName, policies, size, minScale, maxScale, settings);
    }

    /**
     * This view with {@code key} of {@code policy}'s section set to {@code value} for this view
     * alone, e.g. {@code withSetting("weak", "blur_p", 1.0)}; the value is checked when the policy
     * binds its section, and an error names the view.
     *
     * @since 0.3.0
     */
    public ViewRequest withSetting(String policy, String key, Object value) {
        Map<String, Map<String, Object>> more = new LinkedHashMap<>(settings);
        Map<String, Object> values = new LinkedHashMap<>(settings.getOrDefault(policy, Map.of()));
        values.put(key, Objects.requireNonNull(value, "value"));
        more.put(policy, values);
        return new ViewRequest(name, policies, size, minScale, maxScale, more);
    }

    /** The view's own settings of {@code policy}, by key; empty when it has none. */
    public Map<String, Object> settings(String policy) {
        return settings.getOrDefault(policy, Map.of());
    }

    /** Key of the view in the {@link ViewBatch}. */
    public String name() {
        return name;
    }

    /** Names of the policies, applied left to right. */
    public List<String> policies() {
        return policies;
    }

    /** Output side in pixels. */
    public int size() {
        return size;
    }

    /** Smallest crop area, as a fraction of the image. */
    public double minScale() {
        return minScale;
    }

    /** Largest crop area, as a fraction of the image. */
    public double maxScale() {
        return maxScale;
    }

    /** Equal in every part. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ViewRequest that && name.equals(that.name) && policies.equals(that.policies)
                && size == that.size && minScale == that.minScale && maxScale == that.maxScale
                && settings.equals(that.settings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, policies, size, minScale, maxScale, settings);
    }

    @Override
    public String toString() {
        return "ViewRequest[name=" + name + ", policies=" + policies + ", size=" + size + ", scale=" + minScale
                + ".." + maxScale + (settings.isEmpty() ? "" : ", settings=" + settings) + "]";
    }
}
