package dev.contrastive.runtime.augment;

import dev.contrastive.api.Image;
import dev.contrastive.api.ImageTransform;
import dev.contrastive.api.ViewRequest;

import java.util.random.RandomGenerator;

/**
 * The crop every view starts with, from its geometry, before the view's policies run: torchvision's
 * {@code RandomResizedCrop} (area drawn from the view's scale range, aspect 3/4..4/3, ten tries,
 * else the centre square), resampled to the view's size. So a policy receives images of its
 * view's size, and no policy has to come first.
 */
public final class ViewCrop {

    private ViewCrop() {
    }

    /**
     * The crop of {@code view}: the identity, drawing nothing, for an image that already is the
     * whole view (scale 1..1 at the view's size, as the strong kNN test view).
     */
    public static ImageTransform of(ViewRequest view) {
        boolean whole = view.minScale() == 1 && view.maxScale() == 1;
        return (image, random) -> whole && image.height() == view.size() && image.width() == view.size()
                ? image : randomResizedCrop(image, view, random);
    }

    /** torchvision's RandomResizedCrop: ten tries at a box of the drawn area and aspect, else centre. */
    static Image randomResizedCrop(Image image, ViewRequest view, RandomGenerator random) {
        int h = image.height();
        int w = image.width();
        double area = (double) h * w;
        for (int attempt = 0; attempt < 10; attempt++) {
            double target = area * WeakAugmentation.uniform(random, view.minScale(), view.maxScale());
            double aspect = Math.exp(WeakAugmentation.uniform(random, Math.log(3.0 / 4), Math.log(4.0 / 3)));
            int cw = (int) Math.round(Math.sqrt(target * aspect));
            int ch = (int) Math.round(Math.sqrt(target / aspect));
            if (cw > 0 && ch > 0 && cw <= w && ch <= h) {
                int top = random.nextInt(h - ch + 1);
                int left = random.nextInt(w - cw + 1);
                return Resampler.crop(image, top, left, ch, cw, view.size());
            }
        }
        int side = Math.min(h, w);
        return Resampler.crop(image, (h - side) / 2, (w - side) / 2, side, side, view.size());
    }
}
