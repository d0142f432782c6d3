package dev.contrastive.runtime.data;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Unpacks a {@code .tar.gz} archive of files and folders into a folder. An entry whose name is
 * absolute or climbs out with {@code ..}, a link or a device stops the unpacking. Everything is
 * written to a temporary folder beside the target first and forced to disk; only then are the
 * archive's top-level entries renamed into place, so a failed or killed unpacking never leaves
 * part of a data set under the names a complete one has.
 */
final class TarGzArchive {

    private TarGzArchive() {
    }

    /**
     * Unpacks {@code archive} into {@code folder}, replacing what lies there under the names of the
     * archive's top-level entries.
     *
     * @throws IOException naming the entry at fault, or what could not be read or written;
     *     nothing of the archive is then left in {@code folder}
     */
    static void unpack(Path archive, Path folder) throws IOException {
        // unique, so processes unpacking at once do not collide
        Path temp = folder.resolve("." + archive.getFileName() + "." + UUID.randomUUID() + ".unpacking");
        Files.createDirectory(temp);
        try {
            extract(archive, temp);
            List<Path> entries;
            try (Stream<Path> listed = Files.list(temp)) {
                entries = listed.toList();
            }
            for (Path entry : entries) {
                Path target = folder.resolve(entry.getFileName());
                deleteTree(target);
                Files.move(entry, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            deleteTree(temp);
        }
    }

    private static void extract(Path archive, Path temp) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(
                new BufferedInputStream(Files.newInputStream(archive), 1 << 16), 1 << 16))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                Path target = inside(temp, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (regularFile(entry)) {
                    Files.createDirectories(target.getParent());
                    try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                        tar.transferTo(Channels.newOutputStream(out));
                        out.force(true);
                    }
                } else {
                    throw new IOException("entry " + entry.getName() + " is a link or a special file; a data set "
                            + "archive holds only files and folders");
                }
            }
        }
    }

    /** Whether {@code entry} is a plain file: not a link, device or FIFO, which {@code isFile} also accepts. */
    private static boolean regularFile(TarArchiveEntry entry) {
        return entry.getLinkFlag() == TarConstants.LF_NORMAL || entry.getLinkFlag() == TarConstants.LF_OLDNORM;
    }

    /** Where entry {@code name} goes under {@code temp}: refused when absolute or climbing out with {@code ..}. */
    private static Path inside(Path temp, String name) throws IOException {
        boolean climbs = Stream.of(name.split("[/\\\\]")).anyMatch(".."::equals);
        Path target = temp.resolve(name).normalize();
        if (name.startsWith("/") || climbs || !target.startsWith(temp)) {
            throw new IOException("entry " + name + " would be written outside the folder (an absolute name or ..); "
                    + "a data set archive holds only relative names");
        }
        return target;
    }

    /** Deletes {@code path} and, if it is a folder, everything in it; links are deleted, not followed. */
    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
