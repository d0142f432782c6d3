package dev.contrastive.runtime.model;

import ai.djl.nn.Block;
import dev.contrastive.api.Encoder;
import dev.contrastive.runtime.UserError;

import java.util.Optional;

/**
 * The DJL blocks of an objective's online encoder, through the {@link Encoder} interface, for
 * what a run exports: an encoder that does not expose them is a plugin error, refused at the run's
 * start ({@link #check}) rather than when its files are written.
 */
public final class EncoderBlocks {

    private EncoderBlocks() {
    }

    /**
     * Refuses an online encoder without a backbone or head block.
     *
     * @throws UserError (exit code 3) naming the encoder's class and what it lacks
     */
    public static void check(Encoder online) {
        backbone(online);
        head(online);
    }

    /** The backbone block ({@link Encoder#backboneBlock}); a {@link UserError} if there is none. */
    public static Block backbone(Encoder online) {
        return required(online.backboneBlock(), online, "backboneBlock");
    }

    /** The head block ({@link Encoder#headBlock}); a {@link UserError} if there is none. */
    public static Block head(Encoder online) {
        return required(online.headBlock(), online, "headBlock");
    }

    private static Block required(Optional<Block> block, Encoder online, String method) {
        return block.orElseThrow(() -> new UserError(UserError.PLUGIN, "the objective's online encoder, "
                + online.getClass().getName() + ", has no " + method + "(): the runtime exports the trained "
                + "encoder's backbone and head as DJL blocks, so an encoder of a plugin's own must expose them"));
    }
}
