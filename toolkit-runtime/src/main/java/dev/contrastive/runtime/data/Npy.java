package dev.contrastive.runtime.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * numpy's {@code .npy} format, version 1.0, for float32 arrays: what {@code numpy.load} reads
 * without options. Magic, version, a little-endian header length, a Python-literal header padded
 * with spaces to a multiple of 64 bytes and ended by a newline, then the values, little-endian.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    private static final int ALIGNMENT = 64;

    private Npy() {
    }

    /**
     * The bytes of a {@code .npy} file holding {@code values} in C order.
     *
     * @param shape dimensions whose product is {@code values.length}
     */
    public static byte[] float32(float[] values, long... shape) {
        if (Arrays.stream(shape).reduce(1, Math::multiplyExact) != values.length) {
            throw new IllegalArgumentException(values.length + " values for the shape " + Arrays.toString(shape));
        }
        String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        // a tuple of one needs its comma: (5,)
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims
                + (shape.length == 1 ? "," : "") + "), }";
        int unpadded = MAGIC.length + 2 + header.length() + 1;
        header += " ".repeat((ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT) + "\n";
        byte[] text = header.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer bytes = ByteBuffer.allocate(MAGIC.length + 2 + text.length + 4 * values.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        bytes.put(MAGIC).putShort((short) text.length).put(text);
        bytes.asFloatBuffer().put(values);
        return bytes.array();
    }
}
