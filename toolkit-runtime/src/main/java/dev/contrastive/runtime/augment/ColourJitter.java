package dev.contrastive.runtime.augment;

import dev.contrastive.api.Image;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * torchvision's {@code ColorJitter(brightness, contrast, saturation, hue)}: brightness, contrast
 * and saturation factors drawn from {@code [1-s, 1+s]}, a hue shift from {@code [-hue, hue]},
 * the operations applied in a uniformly random order. Saturation and hue take part only when
 * their strength is positive; they leave grey images unchanged.
 *
 * <p>The factors are drawn first, then the order: one coin for brightness before contrast, then
 * saturation and hue each inserted at a uniform position. That is a uniform permutation, and
 * with saturation and hue at 0 exactly the draws of the brightness/contrast jitter before them,
 * so existing runs keep their random stream.
 *
 * @param brightness brightness strength
 * @param contrast contrast strength
 * @param saturation saturation strength
 * @param hue largest hue shift, in turns (at most 0.5)
 */
record ColourJitter(double brightness, double contrast, double saturation, double hue) {

    /** The jitter of {@code augment.weak}. */
    static ColourJitter of(WeakConfig weak) {
        return new ColourJitter(weak.brightness(), weak.contrast(), weak.saturation(), weak.hue());
    }

    /** Draws the factors and the order from {@code random} and applies the operations. */
    Image apply(Image image, RandomGenerator random) {
        double b = factor(random, brightness);
        double c = factor(random, contrast);
        double s = saturation > 0 ? factor(random, saturation) : 1;
        double h = hue > 0 ? WeakAugmentation.uniform(random, -hue, hue) : 0;
        List<UnaryOperator<Image>> order = new ArrayList<>(4);
        order.add(im -> PixelOps.brightness(im, b));
        boolean brightnessFirst = random.nextBoolean();
        order.add(brightnessFirst ? 1 : 0, im -> PixelOps.contrast(im, c));
        if (saturation > 0) {
            order.add(random.nextInt(order.size() + 1), im -> PixelOps.saturation(im, s));
        }
        if (hue > 0) {
            order.add(random.nextInt(order.size() + 1), im -> HueShift.apply(im, h));
        }
        Image out = image;
        for (UnaryOperator<Image> op : order) {
            out = op.apply(out);
        }
        return out;
    }

    private static double factor(RandomGenerator random, double strength) {
        return WeakAugmentation.uniform(random, 1 - strength, 1 + strength);
    }
}
