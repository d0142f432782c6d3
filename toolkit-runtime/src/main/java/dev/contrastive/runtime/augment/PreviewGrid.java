package dev.contrastive.runtime.augment;

import dev.contrastive.api.Image;

import java.util.List;

/**
 * A contact sheet: one row per sample, its original then each view, every cell the size of the
 * largest image, enlarged by an integer factor (nearest neighbour) so 28 px images are visible.
 */
public final class PreviewGrid {

    private static final int GAP = 2;

    private PreviewGrid() {
    }

    /**
     * Draws the rows.
     *
     * @param rows per sample: the original followed by its views (same channel count)
     * @param zoom enlargement factor, at least 1
     * @return the sheet, white between cells
     */
    public static Image draw(List<List<Image>> rows, int zoom) {
        int cell = 0;
        int columns = 0;
        int channels = rows.get(0).get(0).channels();
        for (List<Image> row : rows) {
            columns = Math.max(columns, row.size());
            for (Image image : row) {
                cell = Math.max(cell, Math.max(image.height(), image.width()) * zoom);
            }
        }
        int width = columns * (cell + GAP) + GAP;
        int height = rows.size() * (cell + GAP) + GAP;
        Image sheet = Image.blank(height, width, channels);
        java.util.Arrays.fill(sheet.pixels(), (byte) 255);
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                paste(sheet, rows.get(r).get(c), GAP + r * (cell + GAP), GAP + c * (cell + GAP), zoom);
            }
        }
        return sheet;
    }

    private static void paste(Image sheet, Image image, int top, int left, int zoom) {
        int c = sheet.channels();
        for (int y = 0; y < image.height() * zoom; y++) {
            for (int x = 0; x < image.width() * zoom; x++) {
                for (int ch = 0; ch < c; ch++) {
                    sheet.pixels()[((top + y) * sheet.width() + left + x) * c + ch] =
                            (byte) image.get(y / zoom, x / zoom, Math.min(ch, image.channels() - 1));
                }
            }
        }
    }
}
