package dev.contrastive.strongaugment;

import dev.contrastive.api.Image;
import dev.contrastive.api.ImageTransform;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The CLSA stronger augmentation of one view: {@code repeats} times, draw an operation uniformly
 * (with replacement) and, with probability {@code probability}, apply it at a magnitude drawn
 * uniformly from {@code minMagnitude..maxMagnitude}, with a random sign where the operation has
 * one. Immutable; every draw comes from the generator handed to {@link #apply}.
 */
final class StrongAugmentation implements ImageTransform {

    private final Operation[] operations;
    private final int repeats;
    private final double probability;
    private final int minMagnitude;
    private final int maxMagnitude;

    StrongAugmentation(List<Operation> operations, int repeats, double probability,
            int minMagnitude, int maxMagnitude) {
        if (operations.isEmpty()) {
            throw new IllegalArgumentException("no operations to draw from");
        }
        this.operations = operations.toArray(Operation[]::new);
        this.repeats = repeats;
        this.probability = probability;
        this.minMagnitude = minMagnitude;
        this.maxMagnitude = maxMagnitude;
    }

    /** The transform a validated config describes. */
    static StrongAugmentation of(StrongAugmentationConfig config) {
        return new StrongAugmentation(config.operationList(), config.repeats(),
                config.probability(), config.min_magnitude(), config.max_magnitude());
    }

    @Override
    public Image apply(Image image, RandomGenerator random) {
        Image current = image;
        for (int i = 0; i < repeats; i++) {
            Operation op = operations[random.nextInt(operations.length)];
            if (random.nextDouble() >= probability) {
                continue;
            }
            int magnitude = minMagnitude == maxMagnitude
                    ? minMagnitude : random.nextInt(minMagnitude, maxMagnitude + 1);
            boolean negative = op.signed() && random.nextBoolean();
            current = op.apply(current, op.parameterAt(magnitude, negative, current));
        }
        return current;
    }
}
