package dev.contrastive.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.contrastive.api.AugmentationPolicy;
import dev.contrastive.api.Encoder;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.config.RunConfig;
import dev.contrastive.runtime.data.ImageSource;
import dev.contrastive.runtime.model.BackboneFiles;
import dev.contrastive.runtime.model.EncoderBlocks;
import dev.contrastive.runtime.run.Checkpoint;
import dev.contrastive.runtime.run.CheckpointFallback;
import dev.contrastive.runtime.run.RunDirectory;

import java.nio.file.Files;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A run's trained backbone, for {@code toolkit export} and {@code toolkit embed}: the
 * {@code encoder.params} of a finished run, else the online encoder's backbone from its newest
 * intact checkpoint, restored as {@code toolkit eval} restores it.
 */
public final class TrainedBackbone implements AutoCloseable {

    private final Block block;
    private final String source;
    private final RunSession session;
    private final ParameterStore store;

    /** @param session the run a checkpoint was restored into, or null for {@code encoder.params} */
    private TrainedBackbone(Block block, String source, RunSession session, NDManager manager) {
        this.block = block;
        this.source = source;
        this.session = session;
        this.store = new ParameterStore(manager, false);
    }

    /**
     * Loads the backbone of {@code run}.
     *
     * @param policies installed augmentation policies, to rebuild the run's objective from a checkpoint
     * @param trainImages the run's training images, asked for only when a checkpoint is read
     *     (their channels and size build the objective)
     * @param notice told when a damaged {@code last.ckpt} is passed over
     * @param manager owns the parameters read from {@code encoder.params} and the features computed
     * @throws UserError (exit code 5) if the run has neither file, or no intact checkpoint
     */
    public static TrainedBackbone load(RunDirectory run, RunConfig config, Map<String, AugmentationPolicy> policies,
            Supplier<ImageSource> trainImages, Consumer<String> notice, NDManager manager) {
        return load(run, config, policies, trainImages, notice, manager, false);
    }

    /**
     * Loads the whole online encoder of {@code run}, its head too ({@link #encoder}): always from
     * its newest intact checkpoint, which for a finished run holds what {@code encoder.params} does.
     */
    public static TrainedBackbone loadEncoder(RunDirectory run, RunConfig config,
            Map<String, AugmentationPolicy> policies, Supplier<ImageSource> trainImages, Consumer<String> notice,
            NDManager manager) {
        return load(run, config, policies, trainImages, notice, manager, true);
    }

    private static TrainedBackbone load(RunDirectory run, RunConfig config, Map<String, AugmentationPolicy> policies,
            Supplier<ImageSource> trainImages, Consumer<String> notice, NDManager manager, boolean wholeEncoder) {
        if (!wholeEncoder && Files.isRegularFile(run.encoder())) {
            // a ViT is rebuilt for its training images' side; a ResNet needs no data to be read
            int imageSize = config.model().vit() == null ? 0 : trainImages.get().height();
            return new TrainedBackbone(BackboneFiles.readDjl(run.encoder(), config.model(), imageSize, manager),
                    run.encoder().getFileName().toString(), null, manager);
        }
        if (!Files.isRegularFile(run.lastCheckpoint())) {
            throw new UserError(UserError.TRAINING, run.root() + " has neither encoder.params nor a checkpoint "
                    + "(checkpoints/last.ckpt): no epoch of the run has finished");
        }
        Checkpoint checkpoint = CheckpointFallback.newestIntact(run, notice);
        ImageSource images = trainImages.get();
        RunSession session = RunSession.withoutData(config, policies, images.channels(), images.height(),
                images.count());
        try {
            checkpoint.restoreModel(session.objective().state(), session.manager());
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        return new TrainedBackbone(EncoderBlocks.backbone(session.objective().onlineEncoder()),
                run.root().relativize(checkpoint.file()) + " (after " + checkpoint.progress().describe() + ")",
                session, manager);
    }

    /** The online encoder restored from a checkpoint, or null when the backbone came from {@code encoder.params}. */
    public Encoder encoder() {
        return session == null ? null : session.objective().onlineEncoder();
    }

    /** The backbone's block, its parameters live. */
    public Block block() {
        return block;
    }

    /** Where it was read from, for messages: {@code encoder.params} or a checkpoint and its progress. */
    public String source() {
        return source;
    }

    /** Image channels the backbone takes: its first convolution's input channels. */
    public long channels() {
        return block.getParameters().get(0).getValue().getArray().getShape().get(1);
    }

    /** Features of normalised {@code N × C × H × W} images, inference mode: {@code N × F}. */
    public NDArray features(NDArray images) {
        return block.forward(store, new NDList(images), false).singletonOrThrow();
    }

    /** Releases the run a checkpoint was restored into. */
    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
    }
}
