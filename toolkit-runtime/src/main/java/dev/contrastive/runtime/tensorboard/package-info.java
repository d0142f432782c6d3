/**
 * TensorBoard's event files, written without TensorFlow: {@link dev.contrastive.runtime.tensorboard.EventRecords}
 * frames and encodes {@code Event} messages, {@link dev.contrastive.runtime.tensorboard.TensorBoardLog}
 * is a run's writer into its {@code tb/} folder (docs/tensorboard.md).
 */
package dev.contrastive.runtime.tensorboard;
