package dev.contrastive.runtime.loader;

import dev.contrastive.api.Image;
import dev.contrastive.runtime.augment.PreviewGrid;
import dev.contrastive.runtime.data.ImageSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The contact sheet of a run's views ({@link PreviewGrid}): the first training images, each with
 * every view the objective chain asks for, drawn from a seed of its own so drawing it changes no
 * training draw. {@code toolkit augment preview} and a run's TensorBoard image draw it alike.
 */
public final class ViewPreview {

    private ViewPreview() {
    }

    /**
     * Draws the sheet.
     *
     * @param images the training images; the first {@code samples} are the rows
     * @param views the run's view pipelines, one column each after the original
     * @param seed the run's seed
     * @param zoom enlargement, at least 1
     */
    public static Image draw(ImageSource images, List<ViewPipeline> views, long seed, int samples, int zoom) {
        List<List<Image>> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(samples, images.count()); i++) {
            List<Image> row = new ArrayList<>();
            row.add(images.image(i));
            for (int v = 0; v < views.size(); v++) {
                SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i * 31L + v);
                row.add(views.get(v).transform().apply(images.image(i), random));
            }
            rows.add(row);
        }
        return PreviewGrid.draw(rows, Math.max(1, zoom));
    }
}
