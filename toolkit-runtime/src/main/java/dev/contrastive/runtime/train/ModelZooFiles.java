package dev.contrastive.runtime.train;

import ai.djl.nn.norm.BatchNorm;
import dev.contrastive.api.Encoder;
import dev.contrastive.inference.ZooFolder;
import dev.contrastive.runtime.config.ModelConfig;
import dev.contrastive.runtime.model.BackboneFiles;
import dev.contrastive.runtime.model.EncoderBlocks;
import dev.contrastive.runtime.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The files that make a folder a DJL model ({@link ZooFolder}, module toolkit-inference): its
 * {@code serving.properties}, and the online encoder's head beside the backbone's
 * {@code encoder.params}. A run writes the description when it starts and rewrites it, with the
 * head, just before its backbone files when it finishes; {@code toolkit export --format djl-zoo}
 * writes all three.
 */
public final class ModelZooFiles {

    private ModelZooFiles() {
    }

    /**
     * The description of a run's model.
     *
     * @param online the online encoder: its head's spec, or for an encoder without one, its head's
     *     layers say whether the two-layer head has BatchNorm
     * @param mean the run's per-channel normalisation, as its loader applies it
     */
    public static ZooFolder describe(ModelConfig model, Encoder online, int channels, int size, float[] mean,
            float[] std) {
        boolean batchNorm = EncoderBlocks.head(online).getChildren().values().stream().anyMatch(b -> b instanceof BatchNorm);
        return new ZooFolder(ZooFolder.FORMAT, model.backbone(), model.width(), model.stem(), model.headHidden(),
                model.headDim(), batchNorm, size, channels, mean, std, online.headSpec().orElse(null), model.vit());
    }

    /** Writes {@code serving.properties} into {@code folder}, atomically. */
    public static void writeDescription(Path folder, ZooFolder zoo) throws IOException {
        AtomicFiles.write(folder.resolve(ZooFolder.PROPERTIES), zoo.properties());
    }

    /** Writes the online encoder's head as {@code head.params} into {@code folder}, atomically. */
    public static void writeHead(Path folder, Encoder online) throws IOException {
        AtomicFiles.write(folder.resolve(ZooFolder.HEAD), BackboneFiles.djl(EncoderBlocks.head(online)));
    }
}
