package dev.contrastive.runtime.io;

import dev.contrastive.runtime.UserError;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One writer at a time for a run folder or a sweep folder: an operating-system lock
 * ({@link FileChannel#tryLock}) on {@value #FILE_NAME} in the folder, whose text says who holds it.
 * The second writer is refused at once, naming the first. The system releases the lock of a
 * process that dies however it dies, so a killed run never leaves its folder locked; the claim a
 * killed process leaves is stale and overwritten by the next writer. Closing empties the file.
 *
 * <p>The file is never deleted, and this process never opens it a second time while it holds
 * the lock: the lock is a POSIX record lock, which the system drops when the process closes any
 * descriptor of the file, and a deleted file would let two writers lock two different files.
 * Folders this JVM holds are therefore refused from memory, without opening the file.
 */
public final class FolderLock implements AutoCloseable {

    /** The lock file's name in the folder it guards. */
    public static final String FILE_NAME = ".lock";

    /** What each folder this JVM holds was claimed with, by its lock file's absolute path. */
    private static final Map<Path, String> HELD_HERE = new ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;

    private FolderLock(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Takes the lock of {@code folder}.
     *
     * @param what the folder to the user ("run folder", "sweep folder")
     * @param holder what this process does, written for a second writer to read
     * @throws UserError exit code 5 when another process (or this one) writes to the folder
     */
    public static FolderLock acquire(Path folder, String what, String holder) {
        Path file = folder.resolve(FILE_NAME).toAbsolutePath().normalize();
        String claim = describe(holder);
        String here = HELD_HERE.putIfAbsent(file, claim);
        if (here != null) {
            throw inUse(what, folder, firstLine(here));
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            if (channel.tryLock() == null) {
                throw inUse(what, folder, holderOf(channel));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(claim.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new FolderLock(file, channel);
        } catch (IOException e) {
            close(channel);
            HELD_HERE.remove(file);
            throw new UserError(UserError.TRAINING, "cannot lock the " + what + " " + folder + " for writing: "
                    + WriteFailure.reason(e));
        } catch (RuntimeException e) {
            close(channel);
            HELD_HERE.remove(file);
            throw e;
        }
    }

    /**
     * Refuses at once, before anything is loaded, when another process writes to {@code folder};
     * the writer still takes the lock itself ({@link #acquire}) before its first write.
     */
    public static void refuseIfHeld(Path folder, String what) {
        Path file = folder.resolve(FILE_NAME).toAbsolutePath().normalize();
        String here = HELD_HERE.get(file);
        if (here != null) {
            throw inUse(what, folder, firstLine(here));
        }
        if (!Files.isRegularFile(file)) {
            return; // no writer ever held it: nothing to check, and nothing is created by checking
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            if (channel.tryLock() == null) {
                throw inUse(what, folder, holderOf(channel));
            }
        } catch (NoSuchFileException e) {
            // removed meanwhile: not held
        } catch (IOException e) {
            throw new UserError(UserError.TRAINING, "cannot check the lock of the " + what + " " + folder + ": "
                    + WriteFailure.reason(e));
        }
    }

    private static UserError inUse(String what, Path folder, String first) {
        return new UserError(UserError.TRAINING, "the " + what + " " + folder + " is in use by another toolkit "
                + "process" + (first.isEmpty() ? "" : " (" + first + ")")
                + "; one writer at a time: wait for it to end, or stop it");
    }

    /**
     * The first line of the holder's claim, read through {@code channel}. A holder that has just
     * taken the lock writes its claim a moment later, so an empty file is read again for up to a second.
     */
    private static String holderOf(FileChannel channel) throws IOException {
        for (int wait = 0; ; wait++) {
            ByteBuffer text = ByteBuffer.allocate(4096);
            channel.read(text, 0);
            String first = firstLine(new String(text.array(), 0, text.position(), StandardCharsets.UTF_8));
            if (!first.isEmpty() || wait == 50) {
                return first;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return first;
            }
        }
    }

    private static String firstLine(String claim) {
        return claim.lines().findFirst().orElse("");
    }

    private static String describe(String holder) {
        return "pid " + ProcessHandle.current().pid() + ", " + holder + ", since " + Instant.now() + "\n";
    }

    /** Empties the claim, then releases the lock. */
    @Override
    public void close() {
        try {
            channel.truncate(0);
        } catch (IOException e) {
            // a stale claim is harmless: the next writer overwrites it
        }
        close(channel); // releases the lock
        HELD_HERE.remove(file);
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
