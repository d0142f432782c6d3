package dev.contrastive.inference;

import ai.djl.Model;
import ai.djl.modality.cv.Image;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorFactory;
import ai.djl.util.Pair;

import java.lang.reflect.Type;
import java.util.Map;
import java.util.Set;

/**
 * The {@code TranslatorFactory} to give DJL's {@code Criteria} for a toolkit model folder
 * ({@code optTranslatorFactory(new EmbeddingTranslatorFactory())}): {@link Image} to
 * {@code float[]}, an {@link EmbeddingTranslator} for the folder's image size, channels and
 * normalisation. (DJL picks a translator factory before it reads a folder's
 * {@code serving.properties}, so the folder cannot name it there.)
 */
public final class EmbeddingTranslatorFactory implements TranslatorFactory {

    @Override
    public Set<Pair<Type, Type>> getSupportedTypes() {
        return Set.of(new Pair<>(Image.class, float[].class));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <I, O> Translator<I, O> newInstance(Class<I> input, Class<O> output, Model model, Map<String, ?> arguments)
            throws TranslateException {
        if (!isSupported(input, output)) {
            throw new IllegalArgumentException("a toolkit model translates " + Image.class.getName() + " to float[], not "
                    + input.getName() + " to " + output.getName());
        }
        try {
            return (Translator<I, O>) new EmbeddingTranslator(ZooFolder.read(model.getModelPath()));
        } catch (ai.djl.ModelException e) {
            throw new TranslateException(e.getMessage(), e);
        }
    }
}
