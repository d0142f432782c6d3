package dev.contrastive.runtime.data;

/**
 * RGB pixels stored as three planes (every red value, then every green, then every blue), as the
 * binary versions of CIFAR (each plane row by row) and STL-10 (each plane column by column) hold
 * them, brought to the toolkit's channels-last layout.
 */
final class PlanarPixels {

    private PlanarPixels() {
    }

    /**
     * Writes the {@code side × side} RGB image whose planes start at {@code planes[from]} to
     * {@code out[to]}, channels last.
     *
     * @param columnMajor whether each plane is stored column by column (STL-10) instead of row by row
     */
    static void toChannelsLast(byte[] planes, int from, int side, boolean columnMajor, byte[] out, int to) {
        int plane = side * side;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    int at = columnMajor ? x * side + y : y * side + x;
                    out[to + (y * side + x) * 3 + c] = planes[from + c * plane + at];
                }
            }
        }
    }
}
