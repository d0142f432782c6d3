import ai.djl.inference.Predictor;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import dev.contrastive.inference.EmbeddingTranslatorFactory;

import java.nio.file.Path;

/**
 * A plain Java program with toolkit-inference, its dependencies and DJL's PyTorch engine on its
 * class path, nothing of the toolkit's runtime: embeds images with a run folder through DJL's
 * Criteria and prints each vector as a line of numbers.
 *
 * <p>Usage: {@code java -cp CLASSPATH EmbedWithDjl.java RUN_DIR features|normalized IMAGE...}
 */
public class EmbedWithDjl {

    public static void main(String[] args) throws Exception {
        Criteria<Image, float[]> criteria = Criteria.builder()
                .setTypes(Image.class, float[].class)
                .optModelPath(Path.of(args[0]))                          // a finished run folder
                .optEngine("PyTorch")
                .optTranslatorFactory(new EmbeddingTranslatorFactory())
                .optArgument("embedding", args[1])                       // features (default) or normalized
                .build();
        try (ZooModel<Image, float[]> model = criteria.loadModel();
             Predictor<Image, float[]> predictor = model.newPredictor()) {
            for (int i = 2; i < args.length; i++) {
                float[] vector = predictor.predict(ImageFactory.getInstance().fromFile(Path.of(args[i])));
                StringBuilder line = new StringBuilder();
                for (float x : vector) {
                    line.append(line.length() == 0 ? "" : " ").append(x);
                }
                System.out.println(line);
            }
        }
    }
}
