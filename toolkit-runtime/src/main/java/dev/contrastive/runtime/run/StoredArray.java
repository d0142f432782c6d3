package dev.contrastive.runtime.run;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * One array a checkpoint file holds, not yet allocated: its bytes are {@code length} bytes of
 * {@code file} from {@code offset}.
 *
 * @param type its data type; null in format 1, whose arrays carry DJL's own encoding
 * @param shape its shape; null in format 1
 * @param legacy whether it is in format 1's encoding ({@link LegacyCheckpoint})
 */
record StoredArray(String name, DataType type, Shape shape, byte[] file, int offset, int length, boolean legacy) {
}
