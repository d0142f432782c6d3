package dev.contrastive.runtime.io;

import dev.contrastive.runtime.UserError;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One writer at a time for a run folder or a sweep folder: an operating-system lock
 * ({@link FileChannel#tryLock}) on {@value #FILE_NAME} in the folder, which says who holds it.
 * The second writer is refused at once, naming the first. The system releases the lock of a
 * process that dies however it dies, so a killed run never leaves its folder locked; the file a
 * killed process leaves is stale and taken over. Closing removes the file (while still holding
 * the lock, and a taker checks that the file it locked is still the one in the folder).
 */
public final class FolderLock implements AutoCloseable {

    /** The lock file's name in the folder it guards. */
    public static final String FILE_NAME = ".lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code folder}.
     *
     * @param what the folder to the user ("run folder", "sweep folder")
     * @param holder what this process does, written for a second writer to read
     * @throws UserError exit code 5 when another process (or this one) writes to the folder
     */
    public static FolderLock acquire(Path folder, String what, String holder) {
        Path file = folder.resolve(FILE_NAME);
        for (int attempt = 0; attempt < 100; attempt++) {
            FileChannel channel = null;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.READ);
                FileLock lock = tryLock(channel);
                if (lock == null) {
                    String first = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("");
                    channel.close();
                    throw new UserError(UserError.TRAINING, "the " + what + " " + folder + " is in use by another "
                            + "toolkit process" + (first.isEmpty() ? "" : " (" + first + ")")
                            + "; one writer at a time: wait for it to end, or stop it");
                }
                String claim = describe(holder);
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(claim.getBytes(StandardCharsets.UTF_8)));
                channel.force(false);
                if (!claim.equals(Files.readString(file, StandardCharsets.UTF_8))) {
                    channel.close(); // the file locked was removed by the holder that just closed: lock the new one
                    continue;
                }
                return new FolderLock(file, channel, lock);
            } catch (NoSuchFileException e) {
                close(channel);
            } catch (IOException e) {
                close(channel);
                throw new UserError(UserError.TRAINING, "cannot lock the " + what + " " + folder + " for writing: "
                        + WriteFailure.reason(e));
            }
        }
        throw new UserError(UserError.TRAINING, "cannot lock the " + what + " " + folder + ": it changes hands "
                + "too often");
    }

    /**
     * Refuses at once, before anything is loaded, when another process writes to {@code folder};
     * the writer still takes the lock itself ({@link #acquire}) before its first write.
     */
    public static void refuseIfHeld(Path folder, String what) {
        acquire(folder, what, "checking").close();
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this process
        }
    }

    private static String describe(String holder) {
        return "pid " + ProcessHandle.current().pid() + ", " + holder + ", since " + Instant.now() + "\nclaim "
                + System.nanoTime() + "\n";
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stale file is harmless: the next writer takes it over
        }
        close(channel);
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing to release
            }
        }
    }
}
