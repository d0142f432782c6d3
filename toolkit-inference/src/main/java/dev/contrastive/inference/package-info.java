/**
 * A trained run as a DJL model: a run folder (or {@code toolkit export --format djl-zoo}'s folder)
 * opened with DJL's {@code Criteria}, the engine PyTorch, the block built by
 * {@link dev.contrastive.inference.EncoderBlockFactory} from the run's description
 * ({@link dev.contrastive.inference.ZooFolder}), and
 * {@link dev.contrastive.inference.EmbeddingTranslatorFactory}'s translator from an image to its
 * embedding; and the ResNet construction ({@link dev.contrastive.inference.ResNetBlocks}) the
 * runtime trains with. docs/java.md shows the code.
 */
package dev.contrastive.inference;
