package dev.contrastive.api.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.contrastive.api.Encoder;
import dev.contrastive.api.HeadSpec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link Encoder} made of two DJL blocks, a backbone and a projection head, both initialised
 * by the caller; the embedding is the L2-normalised projection. Parameters are named
 * {@code backbone.<key>} and {@code head0.<key>} after DJL's parameter keys, so encoders built
 * from alike blocks can copy and follow each other ({@link #copyFrom}, {@link #followEma}). The
 * runtime's encoders (ResNet or ViT backbones) are these; a plugin's tests may build small ones.
 *
 * @since 0.2.0
 */
public final class BlockEncoder implements Encoder {

    /** The head's name prefix, from when an encoder could carry several heads: old checkpoints keep it. */
    private static final String HEAD_PREFIX = "head0.";

    private final Block backbone;
    private final Block head;
    private final int featureSize;
    private final int embeddingSize;
    private final ParameterStore store;
    /** The head's layers, or null when it was not built from a spec. */
    private final HeadSpec spec;

    /**
     * @param backbone images to features, initialised
     * @param featureSize the backbone's output width
     * @param head features to projections, initialised
     * @param embeddingSize the head's output width
     * @param store the parameter store of the blocks' forward passes
     */
    public BlockEncoder(Block backbone, int featureSize, Block head, int embeddingSize, ParameterStore store) {
        this(backbone, featureSize, head, embeddingSize, store, null);
    }

    /**
     * As {@link #BlockEncoder(Block, int, Block, int, ParameterStore)}, with the spec the head was
     * built from ({@link HeadBlocks#of}), which {@link #headSpec()} returns.
     *
     * @since 0.3.1
     */
    public BlockEncoder(Block backbone, int featureSize, Block head, int embeddingSize, ParameterStore store,
            HeadSpec spec) {
        this.backbone = backbone;
        this.featureSize = featureSize;
        this.head = head;
        this.embeddingSize = embeddingSize;
        this.store = store;
        this.spec = spec;
    }

    @Override
    public Optional<HeadSpec> headSpec() {
        return Optional.ofNullable(spec);
    }

    @Override
    public Encoding encode(NDArray images, boolean training) {
        NDArray features = backbone.forward(store, new NDList(images), training).singletonOrThrow();
        NDArray projection = head.forward(store, new NDList(features), training).singletonOrThrow();
        // torch's F.normalize, x / max(|x|, eps), in one native op: the reference's normalisation,
        // and no Java-made scalar tensor in the autograd graph (see Scalars).
        return Encoding.of(features, projection, projection.normalize(2, 1, 1e-12));
    }

    @Override
    public NDArray features(NDArray images) {
        return backbone.forward(store, new NDList(images), false).singletonOrThrow();
    }

    @Override
    public int embeddingSize() {
        return embeddingSize;
    }

    @Override
    public int featureSize() {
        return featureSize;
    }

    @Override
    public List<Parameter> trainableParameters() {
        return BlockParameters.trainable(parameters());
    }

    @Override
    public void copyFrom(Encoder source) {
        Map<String, NDArray> from = source.state();
        state().forEach((name, array) -> from.get(name).copyTo(array));
    }

    /**
     * Matches parameters by name: encoders built with the same head settings have the same names.
     * Moves the learnable ones (not BatchNorm's running statistics) towards {@code source}'s
     * {@link Encoder#state} arrays of the same names.
     *
     * @param source an encoder built alike, of any class
     */
    @Override
    public void followEma(Encoder source, double momentum) {
        Map<String, NDArray> from = source.state();
        parameters().forEach((name, target) -> {
            if (learnable(target)) {
                NDArray t = target.getArray();
                try (NDArray scaled = from.get(name).mul(1 - momentum)) {
                    t.muli(momentum).addi(scaled);
                }
            }
        });
    }

    /** What an optimiser updates, whether or not this encoder is frozen: all but running statistics. */
    private static boolean learnable(Parameter parameter) {
        return parameter.getType() != Parameter.Type.RUNNING_MEAN && parameter.getType() != Parameter.Type.RUNNING_VAR;
    }

    @Override
    public Map<String, NDArray> state() {
        return BlockParameters.arrays(parameters());
    }

    /** The backbone alone, for exporting the trained encoder. */
    public Block backbone() {
        return backbone;
    }

    /** The projection head alone (features to the raw projection), for exporting the trained encoder. */
    public Block head() {
        return head;
    }

    /** The {@link #backbone}. */
    @Override
    public Optional<Block> backboneBlock() {
        return Optional.of(backbone);
    }

    /** The {@link #head}. */
    @Override
    public Optional<Block> headBlock() {
        return Optional.of(head);
    }

    private Map<String, Parameter> parameters() {
        Map<String, Parameter> all = BlockParameters.named("backbone.", backbone);
        all.putAll(BlockParameters.named(HEAD_PREFIX, head));
        return all;
    }
}
