package dev.contrastive.runtime.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.contrastive.inference.Backbones;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.config.ModelConfig;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A trained backbone as a file: DJL's parameter format ({@code encoder.params}), or safetensors
 * ({@code encoder.safetensors}) under torchvision's ResNet names ({@link TorchvisionStateDict}) or
 * DINO's and timm's ViT names ({@link VitStateDict}).
 */
public final class BackboneFiles {

    private BackboneFiles() {
    }

    /** The bytes of DJL's parameter format, which {@link #readDjl} reads back. */
    public static byte[] djl(Block backbone) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream stream = new DataOutputStream(bytes)) {
            backbone.saveParameters(stream);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a stream in memory
        }
        return bytes.toByteArray();
    }

    /**
     * The bytes of a safetensors file that torchvision's ResNet, or DINO's ViT, of the same shape
     * loads strictly.
     */
    public static byte[] safetensors(Block backbone, ModelConfig config) {
        try (NDManager copies = NDManager.newBaseManager()) {
            NDList state = config.vit() != null ? VitStateDict.of(backbone, copies)
                    : TorchvisionStateDict.of(backbone, config, copies);
            return state.encode(NDList.Encoding.SAFETENSORS);
        }
    }

    /**
     * Reads a backbone {@link #djl} wrote for {@code config}; its shapes, image channels included,
     * come from the file.
     *
     * @param imageSize the training images' side (a ViT's positions are learned for it)
     * @throws UserError (exit code 5) if the file cannot be read
     */
    public static Block readDjl(Path file, ModelConfig config, int imageSize, NDManager manager) {
        Block backbone = Backbones.block(config.backbone(), config.width(), config.stem(), config.vit(), imageSize);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            backbone.loadParameters(manager, in);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new UserError(UserError.TRAINING, "cannot read the backbone " + file + " as the run's model "
                    + "section describes it: " + e.getMessage());
        }
        return backbone;
    }
}
