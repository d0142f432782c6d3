package dev.contrastive.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The folder shipped to every worker, as the zip archive Spark unpacks there ({@code SparkContext.addArchive}). */
final class ShippedArchive {

    private ShippedArchive() {
    }

    /** Zips {@code folder} into {@code archive}, its files at their paths relative to it. */
    static Path zip(Path folder, Path archive) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream file = Files.newOutputStream(archive); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Path f : files) {
                zip.putNextEntry(new ZipEntry(folder.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
        return archive;
    }
}
