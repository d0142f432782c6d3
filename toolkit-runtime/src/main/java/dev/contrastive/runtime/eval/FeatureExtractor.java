package dev.contrastive.runtime.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.contrastive.api.Encoder;
import dev.contrastive.api.Image;
import dev.contrastive.api.ImageTransform;
import dev.contrastive.runtime.data.ImageSet;
import dev.contrastive.runtime.data.ImageTensors;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/** Backbone features of whole splits, centre view (the image itself), inference mode. */
public final class FeatureExtractor {

    private static final int CHUNK = 1000;

    private final ImageTensors tensors;

    /** @param tensors the data set's normalisation */
    public FeatureExtractor(ImageTensors tensors) {
        this.tensors = tensors;
    }

    /**
     * L2-normalised backbone features of every image.
     *
     * @return {@code N × F}, attached to {@code manager}
     */
    public NDArray normalisedFeatures(Encoder encoder, ImageSet images, NDManager manager) {
        return normalisedFeatures(encoder, images, null, manager);
    }

    /**
     * L2-normalised backbone features of every image after {@code augmentation} (see
     * {@link #features}).
     *
     * @return {@code N × F}, attached to {@code manager}
     */
    public NDArray normalisedFeatures(Encoder encoder, ImageSet images, ImageTransform augmentation,
            NDManager manager) {
        try (NDArray raw = features(encoder, images, augmentation, manager)) {
            return normalised(raw);
        }
    }

    /** Rows scaled to unit length, as torch's {@code F.normalize}. */
    public static NDArray normalised(NDArray features) {
        return features.normalize(2, 1, 1e-12);
    }

    /**
     * Backbone features of every image after {@code augmentation}, drawn from a fixed per-image
     * seed so every evaluation sees the same augmented images.
     *
     * @param augmentation applied to each image first; null for none
     * @return {@code N × F}, attached to {@code manager}
     */
    public NDArray features(Encoder encoder, ImageSet images, ImageTransform augmentation, NDManager manager) {
        return features(encoder::features, images, augmentation, manager);
    }

    /**
     * Features of every image after {@code augmentation}, as {@link #features(Encoder, ImageSet,
     * ImageTransform, NDManager)} computes them, from any backbone.
     *
     * @param backbone normalised {@code n × C × H × W} images to {@code n × F} features, inference mode
     * @return {@code N × F}, attached to {@code manager}
     */
    public NDArray features(UnaryOperator<NDArray> backbone, ImageSet images, ImageTransform augmentation,
            NDManager manager) {
        int plane = images.channels() * images.height() * images.width();
        List<NDArray> parts = new ArrayList<>();
        for (int start = 0; start < images.count(); start += CHUNK) {
            int n = Math.min(CHUNK, images.count() - start);
            float[] data = new float[n * plane];
            for (int i = 0; i < n; i++) {
                Image image = images.image(start + i);
                if (augmentation != null) {
                    image = augmentation.apply(image, new SplittableRandom(start + i));
                }
                tensors.write(image, data, i * plane);
            }
            try (NDManager chunk = manager.newSubManager()) {
                NDArray f = backbone.apply(chunk.create(data,
                        new Shape(n, images.channels(), images.height(), images.width())));
                f.attach(manager);
                parts.add(f);
            }
        }
        NDArray all = ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(parts));
        parts.forEach(NDArray::close);
        return all;
    }
}
