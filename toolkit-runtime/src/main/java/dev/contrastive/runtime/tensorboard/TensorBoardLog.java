package dev.contrastive.runtime.tensorboard;

import dev.contrastive.api.Image;
import dev.contrastive.runtime.augment.PngImages;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A run's TensorBoard event files in its {@code tb/} folder. Each process start opens a new file
 * ({@code events.out.tfevents.<seconds>.toolkit.<n>}, n counting the folder's event files), and
 * writes a tag's step only when it is after the last step the folder's earlier files hold for that
 * tag: a run resumed from a checkpoint older than what a killed process had logged already leaves
 * each step once (what it would write again is, resuming being exact, what is there). Every event
 * is written as one record and flushed at once, so a live TensorBoard sees it.
 *
 * <p>A viewer's files never stop a run: when the folder cannot be created, read or written, the
 * log says so once on the run's output and writes nothing more; no method throws.
 */
public final class TensorBoardLog implements AutoCloseable {

    /** The tag of the preview of the run's views, an image at step 0. */
    public static final String PREVIEW = "augment/preview";

    /** The preview's PNG, kept beside the event files. */
    public static final String PREVIEW_FILE = "preview.png";

    /** The prefix TensorBoard looks for in a file's name. */
    static final String PREFIX = "events.out.tfevents.";

    private final Path folder;
    private final PrintStream out;
    private final Map<String, Long> written;
    private OutputStream file;

    private TensorBoardLog(Path folder, PrintStream out, Map<String, Long> written, OutputStream file) {
        this.folder = folder;
        this.out = out;
        this.written = written;
        this.file = file;
    }

    /** A log that writes nothing ({@code log.tensorboard: false}). */
    public static TensorBoardLog off() {
        return new TensorBoardLog(null, null, Map.of(), null);
    }

    /**
     * Opens a new event file in {@code folder}, creating the folder when absent.
     *
     * @param out where the one line about a folder that cannot be written goes
     */
    public static TensorBoardLog open(Path folder, PrintStream out) {
        TensorBoardLog log = new TensorBoardLog(folder, out, new HashMap<>(), null);
        try {
            Files.createDirectories(folder);
            List<Path> earlier;
            try (Stream<Path> files = Files.list(folder)) {
                earlier = files.filter(f -> f.getFileName().toString().startsWith(PREFIX)).sorted().toList();
            }
            for (Path file : earlier) {
                for (EventRecords.Tagged event : EventRecords.read(Files.readAllBytes(file))) {
                    event.tags().forEach(tag -> log.written.merge(tag, event.step(), Math::max));
                }
            }
            String name = PREFIX + String.format("%010d", System.currentTimeMillis() / 1000) + ".toolkit."
                    + earlier.size();
            log.file = Files.newOutputStream(folder.resolve(name), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            log.append(EventRecords.fileVersion(now()));
        } catch (IOException | RuntimeException e) {
            log.fail(e);
        }
        return log;
    }

    /** Whether {@code tag} at {@code step} would be written: the log is on and the step is new to it. */
    public boolean wants(String tag, long step) {
        return file != null && step > written.getOrDefault(tag, Long.MIN_VALUE);
    }

    /**
     * Writes the numbers of a {@code metrics.jsonl} record as scalars {@code prefix/key} at
     * {@code step}; {@code type}, {@code epoch} and {@code step}, the record's place, are not scalars.
     */
    public void scalars(String prefix, Map<String, ?> record, long step) {
        record.forEach((key, value) -> {
            if (value instanceof Number number && !List.of("type", "epoch", "step").contains(key)) {
                scalar(prefix + "/" + key, number.floatValue(), step);
            }
        });
    }

    /** Writes one scalar, as float32. */
    public void scalar(String tag, float value, long step) {
        if (wants(tag, step)) {
            write(tag, step, EventRecords.scalar(now(), step, tag, value));
        }
    }

    /**
     * Writes an image summary.
     *
     * @param png the PNG file's bytes
     * @param channels 1 or 3
     */
    public void image(String tag, byte[] png, int height, int width, int channels, long step) {
        if (wants(tag, step)) {
            write(tag, step, EventRecords.image(now(), step, tag, png, height, width, channels));
        }
    }

    /**
     * Writes the preview of the run's views: {@value #PREVIEW_FILE} in the folder, and the same PNG
     * as the image {@value #PREVIEW} at step 0.
     */
    public void preview(Image grid) {
        if (!wants(PREVIEW, 0)) {
            return;
        }
        try {
            byte[] png = PngImages.encode(grid);
            Files.write(folder.resolve(PREVIEW_FILE), png);
            image(PREVIEW, png, grid.height(), grid.width(), grid.channels(), 0);
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void write(String tag, long step, byte[] event) {
        try {
            append(event);
            written.put(tag, step);
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void append(byte[] event) throws IOException {
        file.write(EventRecords.frame(event));
        file.flush();
    }

    private void fail(Exception e) {
        out.println("tensorboard: cannot write " + folder + " (" + e + "); the run goes on without "
                + "TensorBoard's files");
        close();
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    @Override
    public void close() {
        OutputStream open = file;
        file = null;
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                // each event was flushed when written: nothing is lost
            }
        }
    }
}
