package dev.contrastive.runtime.loader;

import dev.contrastive.api.Image;
import dev.contrastive.runtime.data.ImageSource;
import dev.contrastive.runtime.data.ImageTensors;

import java.util.SplittableRandom;

/**
 * Images per second of one view pipeline on the calling thread: augment, then convert to
 * normalised floats, as the loader does per sample (and as Pillow's reference does with
 * {@code ToTensor}).
 */
public final class AugmentationThroughput {

    private AugmentationThroughput() {
    }

    /**
     * Times one pass over {@code images} after an untimed pass over a tenth of them (JIT warm-up).
     *
     * @return images per second
     */
    public static double measure(ViewPipeline view, ImageSource images, ImageTensors tensors) {
        int size = view.request().size();
        float[] out = new float[images.channels() * size * size];
        SplittableRandom random = new SplittableRandom(0);
        for (int i = 0; i < images.count() / 10; i++) {
            tensors.write(view.transform().apply(images.image(i), random), out, 0);
        }
        long start = System.nanoTime();
        for (int i = 0; i < images.count(); i++) {
            Image augmented = view.transform().apply(images.image(i), random);
            tensors.write(augmented, out, 0);
        }
        return images.count() / ((System.nanoTime() - start) / 1e9);
    }
}
