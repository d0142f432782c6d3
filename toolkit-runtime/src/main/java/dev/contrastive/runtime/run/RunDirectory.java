package dev.contrastive.runtime.run;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.config.ResolvedConfig;
import dev.contrastive.runtime.io.AtomicFiles;
import dev.contrastive.runtime.io.FolderLock;
import dev.contrastive.runtime.io.InputPaths;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folder of one run: {@code config.yaml}, {@code metrics.jsonl}, {@code checkpoints/last.ckpt}
 * (and {@code epoch-N.ckpt}), {@code encoder.params} and {@code encoder.safetensors}. New runs
 * get a fresh folder; nothing here deletes or truncates files.
 *
 * @param root the folder
 */
public record RunDirectory(Path root) {

    private static final Pattern EPOCH_CHECKPOINT = Pattern.compile("epoch-(\\d{1,9})\\.ckpt");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** Creates {@code parent/<name>-<timestamp>}, adding a suffix if that exists already. */
    public static RunDirectory create(Path parent, String name) {
        String base = name + "-" + LocalDateTime.now().format(STAMP);
        try {
            Files.createDirectories(parent);
            for (int suffix = 0; ; suffix++) {
                Path dir = parent.resolve(suffix == 0 ? base : base + "-" + suffix);
                try {
                    Files.createDirectory(dir);
                    Files.createDirectory(dir.resolve("checkpoints"));
                    return new RunDirectory(dir);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // taken in the same second: try the next suffix
                }
            }
        } catch (IOException e) {
            throw new UserError(UserError.TRAINING, "cannot create a run folder under " + parent + ": " + e.getMessage());
        }
    }

    /** An existing run folder, for {@code --resume}, {@code eval}, {@code export} and {@code embed}. */
    public static RunDirectory existing(Path root) {
        if (!Files.isDirectory(root)) {
            throw new UserError(UserError.TRAINING, root + " is not a folder; give a run folder written by "
                    + "toolkit run");
        }
        Path config = root.resolve("config.yaml");
        if (!Files.isRegularFile(config)) {
            throw new UserError(UserError.TRAINING, root + " is not a run folder (" + (InputPaths.exists(config)
                    ? InputPaths.notA(config, "regular file") : "no config.yaml") + ")");
        }
        return new RunDirectory(root);
    }

    /**
     * Takes this run folder's one-writer lock ({@link FolderLock}), held until closed.
     *
     * @param holder what the process does, named to a second writer
     * @throws UserError exit code 5 when another process writes to the folder
     */
    public FolderLock lock(String holder) {
        return FolderLock.acquire(root, "run folder", holder);
    }

    /** The resolved configuration this run was started with. */
    public Path config() {
        return root.resolve("config.yaml");
    }

    /** The metrics log. */
    public Path metrics() {
        return root.resolve("metrics.jsonl");
    }

    /** The latest checkpoint. */
    public Path lastCheckpoint() {
        return root.resolve("checkpoints").resolve("last.ckpt");
    }

    /** The checkpoint kept after {@code epoch} epochs ({@code train.checkpoint_every}). */
    public Path epochCheckpoint(int epoch) {
        return root.resolve("checkpoints").resolve("epoch-" + epoch + ".ckpt");
    }

    /** The kept {@code epoch-N.ckpt} files, newest first. */
    public List<Path> epochCheckpoints() {
        try (Stream<Path> files = Files.list(root.resolve("checkpoints"))) {
            return files.filter(f -> EPOCH_CHECKPOINT.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt((Path f) -> epochOf(f)).reversed()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static int epochOf(Path checkpoint) {
        Matcher matcher = EPOCH_CHECKPOINT.matcher(checkpoint.getFileName().toString());
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    /** The trained backbone's parameters, in DJL's format. */
    public Path encoder() {
        return root.resolve("encoder.params");
    }

    /** The trained backbone's parameters under torchvision's ResNet names, in the safetensors format. */
    public Path safetensors() {
        return root.resolve("encoder.safetensors");
    }

    /** TensorBoard's folder: the run's event files and the preview of its views (docs/tensorboard.md). */
    public Path tensorboard() {
        return root.resolve("tb");
    }

    /** The provenance header of {@code config.yaml}: its leading comment lines, without {@code "# "}. */
    public String provenance() {
        try {
            return Files.readAllLines(config(), StandardCharsets.UTF_8).stream().takeWhile(l -> l.startsWith("#"))
                    .map(l -> l.replaceFirst("^# ?", "")).reduce((a, b) -> a + "\n" + b).orElse("");
        } catch (IOException e) {
            throw new UserError(UserError.TRAINING, "cannot read " + config() + ": " + e.getMessage());
        }
    }

    /** Writes the resolved configuration with a provenance header of comments. */
    public void writeConfig(ResolvedConfig resolved, String provenance) {
        try {
            String yaml = new YAMLMapper().writeValueAsString(resolved.tree());
            String header = provenance.lines().map(line -> "# " + line + "\n").reduce("", String::concat);
            AtomicFiles.write(config(), (header + yaml).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UserError(UserError.TRAINING, "cannot write " + config() + ": " + e.getMessage());
        }
    }
}
