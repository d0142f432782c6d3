package dev.contrastive.strongaugment;

import java.util.ArrayList;
import java.util.List;

/**
 * The run file's {@code augment.strong} section. Component names are the YAML keys; absent keys
 * arrive as {@code null} and take the CLSA defaults.
 *
 * @param pool {@code official} (with Identity, the default) or {@code paper} (with Invert)
 * @param repeats operations drawn per image, at least 0 (default 5)
 * @param probability chance that each drawn operation is applied, 0..1 (default 0.5)
 * @param min_magnitude smallest magnitude drawn, 0..10 (default 1)
 * @param max_magnitude largest magnitude drawn, min_magnitude..10 (default 9)
 * @param ops an explicit, non-empty list of operation names that replaces the pool; null to use
 *     the pool
 */
public record StrongAugmentationConfig(String pool, Integer repeats, Double probability,
        Integer min_magnitude, Integer max_magnitude, List<String> ops) {

    /** The most operations per image: each costs time on a loader thread. */
    public static final int MAX_REPEATS = 64;

    /** Largest magnitude of the CLSA scale. */
    public static final int MAX_MAGNITUDE = 10;

    /** Fills defaults and validates; messages say what is allowed. */
    public StrongAugmentationConfig {
        pool = pool == null ? OperationPool.OFFICIAL.toString() : pool;
        repeats = repeats == null ? 5 : repeats;
        probability = probability == null ? 0.5 : probability;
        min_magnitude = min_magnitude == null ? 1 : min_magnitude;
        max_magnitude = max_magnitude == null ? 9 : max_magnitude;
        try {
            OperationPool.byLabel(pool);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pool: " + e.getMessage(), e);
        }
        if (repeats < 0 || repeats > MAX_REPEATS) {
            throw new IllegalArgumentException(
                    "repeats must be a whole number in 0.." + MAX_REPEATS + ", got " + repeats);
        }
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException(
                    "probability must be between 0 and 1, got " + probability);
        }
        checkMagnitude("min_magnitude", min_magnitude);
        checkMagnitude("max_magnitude", max_magnitude);
        if (min_magnitude > max_magnitude) {
            throw new IllegalArgumentException("min_magnitude (" + min_magnitude
                    + ") must not exceed max_magnitude (" + max_magnitude + ")");
        }
        if (ops != null) {
            if (ops.isEmpty()) {
                throw new IllegalArgumentException(
                        "ops must name at least one operation (or be left out to use the pool); "
                                + "allowed: " + String.join(", ", Operation.labels()));
            }
            List<String> names = new ArrayList<>(ops.size());
            for (String name : ops) {
                try {
                    names.add(Operation.byLabel(name).label());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("ops: " + e.getMessage(), e);
                }
            }
            ops = List.copyOf(names);
        }
    }

    private static void checkMagnitude(String key, int value) {
        if (value < 0 || value > MAX_MAGNITUDE) {
            throw new IllegalArgumentException(
                    key + " must be between 0 and " + MAX_MAGNITUDE + ", got " + value);
        }
    }

    /** The operations drawn from: {@code ops} when given, else the pool's. */
    List<Operation> operationList() {
        if (ops != null) {
            return ops.stream().map(Operation::byLabel).toList();
        }
        return OperationPool.byLabel(pool).operations();
    }
}
