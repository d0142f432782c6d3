package dev.contrastive.runtime.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every file the toolkit replaces is written here: to a sibling temporary file, forced to disk,
 * then renamed over the target. A write that fails (a full disk) removes its temporary file, so
 * it neither keeps the disk full nor leaves a half-written file beside the old one, which stays
 * as it was.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** The temporary file a write of {@code file} goes through. */
    public static Path temporary(Path file) {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    /** Writes {@code data} as {@code file}, atomically; on failure the old file stays and no temporary remains. */
    public static void write(Path file, byte[] data) throws IOException {
        writeTogether(Map.of(file, data));
    }

    /**
     * Publishes files that belong together, both or neither: every temporary file is written and
     * forced first, and only when all are on disk are they renamed into place. A failure while
     * writing removes every temporary file and publishes none.
     */
    public static void writeTogether(Map<Path, byte[]> files) throws IOException {
        Map<Path, byte[]> ordered = new LinkedHashMap<>(files);
        List<Path> written = new ArrayList<>();
        try {
            for (Map.Entry<Path, byte[]> file : ordered.entrySet()) {
                Path temp = temporary(file.getKey());
                written.add(temp);
                writeForced(temp, file.getValue(), file.getKey());
            }
            for (Path file : ordered.keySet()) {
                Files.move(temporary(file), file, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            for (Path temp : written) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** Writes and forces {@code temp}; a failure names {@code file}, the file it is for. */
    private static void writeForced(Path temp, byte[] data, Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(data);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (FileSystemException e) {
            throw e;
        } catch (IOException e) {
            // a full disk is a bare IOException: say which file it was for
            FileSystemException named = new FileSystemException(file.toString(), null, e.getMessage());
            named.initCause(e);
            throw named;
        }
    }
}
