package dev.contrastive.inference;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.repository.zoo.ModelNotFoundException;
import dev.contrastive.api.blocks.HeadBlocks;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * DJL's {@code BlockFactory} of a toolkit model folder ({@link ZooFolder}), named in its
 * {@code serving.properties}: builds the backbone of the run's model with {@link Backbones} and
 * loads the trained parameters into it. The Criteria argument {@value ZooFolder#EMBEDDING} chooses
 * the output: {@value ZooFolder#FEATURES} (the backbone's pooled features, the default) or
 * {@value ZooFolder#NORMALIZED} (backbone, projection head, L2 normalisation).
 *
 * <p>DJL lets a block factory throw only {@code IOException}; what is wrong with the folder (an
 * unfinished run, a damaged file, a newer format) is thrown through it as DJL's
 * {@link MalformedModelException}, which {@code Criteria.loadModel} declares, with a message naming
 * the folder and what is wrong. (A {@link ModelNotFoundException} would reach the caller wrapped
 * under DJL's own message, "No model with the specified URI ...".)
 */
public final class EncoderBlockFactory implements ai.djl.nn.BlockFactory {

    private static final long serialVersionUID = 1L;

    @Override
    public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments) throws IOException {
        try {
            return build(model, modelPath, arguments);
        } catch (ModelNotFoundException | MalformedModelException e) {
            throw Unchecked.<RuntimeException>sneaky(e);
        }
    }

    private static Block build(Model model, Path folder, Map<String, ?> arguments)
            throws ModelNotFoundException, MalformedModelException {
        ZooFolder zoo = ZooFolder.read(folder);
        Object choice = arguments.get(ZooFolder.EMBEDDING);
        String embedding = choice == null ? ZooFolder.FEATURES : choice.toString();
        if (!embedding.equals(ZooFolder.FEATURES) && !embedding.equals(ZooFolder.NORMALIZED)) {
            throw new MalformedModelException("the Criteria argument " + ZooFolder.EMBEDDING + " of " + folder
                    + " is '" + embedding + "'; allowed: " + ZooFolder.FEATURES + ", " + ZooFolder.NORMALIZED);
        }
        Block backbone = load(Backbones.block(zoo.backbone(), zoo.width(), zoo.stem(), zoo.vit(), zoo.imageSize()), model,
                folder.resolve(ZooFolder.BACKBONE), zoo);
        long channels = backbone.getParameters().get(0).getValue().getArray().getShape().get(1);
        if (channels != zoo.channels()) {
            throw new MalformedModelException(folder.resolve(ZooFolder.BACKBONE) + " takes " + channels
                    + " channels, but " + ZooFolder.PROPERTIES + " says " + zoo.channels());
        }
        SequentialBlock net = new SequentialBlock().add(backbone);
        if (embedding.equals(ZooFolder.NORMALIZED)) {
            net.add(load(HeadBlocks.of(zoo.head()), model, folder.resolve(ZooFolder.HEAD), zoo));
            // torch's F.normalize, x / max(|x|, eps), as the encoders of the runtime normalise
            net.add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().normalize(2, 1, 1e-12))));
        }
        return net;
    }

    private static Block load(Block block, Model model, Path file, ZooFolder zoo) throws MalformedModelException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            block.loadParameters(model.getNDManager(), in);
            if (in.read() != -1) {
                throw new MalformedModelException("bytes after the parameters");
            }
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new MalformedModelException(file + " is damaged or not the parameters of the model its folder's "
                    + ZooFolder.PROPERTIES + " describes (" + zoo + "): " + e.getMessage(), e);
        }
        return block;
    }

    /** Throws a checked exception through a method that may not declare it. */
    private static final class Unchecked {
        @SuppressWarnings("unchecked")
        static <T extends Throwable> T sneaky(Throwable e) throws T {
            throw (T) e;
        }
    }
}
