package dev.contrastive.inference;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;

/**
 * From a DJL {@link Image} to the run's embedding: the image as the run's channels (DJL's
 * {@code Image.Flag.GRAYSCALE} or {@code COLOR}), resized with DJL's {@code Image.resize} when it
 * is not the run's size, normalised with the run's per-channel mean and deviation as the
 * toolkit's loader does ({@code pixel / (255 std) - mean / std}), channels first; out comes the
 * model's vector, features or normalised embedding as the block was built
 * ({@link EncoderBlockFactory}). Batches stack.
 */
public final class EmbeddingTranslator implements Translator<Image, float[]> {

    private final ZooFolder zoo;

    /** @param zoo the description of the model folder */
    public EmbeddingTranslator(ZooFolder zoo) {
        this.zoo = zoo;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Image input) {
        Image image = input.getWidth() == zoo.imageSize() && input.getHeight() == zoo.imageSize() ? input
                : input.resize(zoo.imageSize(), zoo.imageSize(), true);
        NDArray pixels = image.toNDArray(ctx.getNDManager(),
                zoo.channels() == 1 ? Image.Flag.GRAYSCALE : Image.Flag.COLOR); // H x W x C, uint8
        int c = zoo.channels();
        float[] scale = new float[c];
        float[] shift = new float[c];
        for (int ch = 0; ch < c; ch++) {
            float std = zoo.std()[Math.min(ch, zoo.std().length - 1)];
            scale[ch] = 1f / (255f * std);
            shift[ch] = zoo.mean()[Math.min(ch, zoo.mean().length - 1)] / std;
        }
        NDArray floats = pixels.toType(DataType.FLOAT32, false)
                .mul(ctx.getNDManager().create(scale)).sub(ctx.getNDManager().create(shift));
        return new NDList(floats.transpose(2, 0, 1));
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
        return list.singletonOrThrow().toFloatArray();
    }
}
