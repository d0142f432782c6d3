package dev.contrastive.runtime.data;

import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.io.InputPaths;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

/**
 * The image files of a folder, found recursively (symbolic links followed, loops skipped), in the
 * order of their paths. A folder whose images all lie in subfolders is labelled: each first-level
 * subfolder is a class, in name order, as torchvision's {@code ImageFolder} has it; a folder with
 * images of its own is unlabeled.
 *
 * @param root the folder
 * @param files image files, sorted by their path relative to {@code root}
 * @param labels class of each file; null when unlabeled
 * @param classes class names (subfolder names); empty when unlabeled
 * @param otherFiles files without an image extension, relative to {@code root}
 * @param loops folders skipped because a link leads back to a folder above them
 * @param notFiles entries that are neither files nor folders, never opened, each as "PATH (what it
 *     is)": a dangling symbolic link, a FIFO, a device, a socket
 */
public record ImageFiles(Path root, List<Path> files, int[] labels, List<String> classes, List<Path> otherFiles,
        List<Path> loops, List<String> notFiles) {

    /** File extensions read as images, lower-case. */
    public static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");

    /**
     * Lists the image files under {@code root}.
     *
     * @throws UserError if {@code root} is not a readable folder
     */
    public static ImageFiles scan(Path root) {
        if (!Files.isDirectory(root)) {
            throw new UserError(UserError.DATA, "image folder " + root + " does not exist or is not a folder");
        }
        TreeMap<String, Path> images = new TreeMap<>();
        List<Path> others = new ArrayList<>();
        List<Path> loops = new ArrayList<>();
        List<String> notFiles = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                            Path relative = root.relativize(file);
                            if (attributes.isRegularFile() && isImageName(file)) {
                                images.put(relative.toString(), file);
                            } else if (attributes.isRegularFile()) {
                                others.add(relative);
                            } else {
                                notFiles.add(relative + " (" + InputPaths.describe(file) + ")");
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            if (e instanceof FileSystemLoopException) {
                                loops.add(root.relativize(file));
                                return FileVisitResult.CONTINUE;
                            }
                            others.add(root.relativize(file));
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw new UserError(UserError.DATA, "cannot list " + root + ": " + e.getMessage());
        }
        others.sort(null);
        loops.sort(null);
        notFiles.sort(null);
        List<Path> files = new ArrayList<>(images.values());
        boolean labelled = !files.isEmpty() && files.stream().allMatch(f -> root.relativize(f).getNameCount() > 1);
        if (!labelled) {
            return new ImageFiles(root, files, null, List.of(), others, loops, notFiles);
        }
        List<String> classes = files.stream().map(f -> root.relativize(f).getName(0).toString()).distinct()
                .sorted().toList();
        int[] labels = files.stream().mapToInt(f -> classes.indexOf(root.relativize(f).getName(0).toString()))
                .toArray();
        return new ImageFiles(root, files, labels, classes, others, loops, notFiles);
    }

    /** Whether a file's name ends in one of {@link #EXTENSIONS}. */
    static boolean isImageName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Whether the images come in class subfolders. */
    public boolean labelled() {
        return labels != null;
    }
}
