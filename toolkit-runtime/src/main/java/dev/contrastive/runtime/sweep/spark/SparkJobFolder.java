package dev.contrastive.runtime.sweep.spark;

import dev.contrastive.runtime.sweep.ChildCommand;
import dev.contrastive.runtime.sweep.PreparedVariant;
import dev.contrastive.runtime.sweep.SweepFile;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * What the Spark driver is handed: {@code ship/}, the plugin JARs and run files every worker gets
 * (its {@code plugins/} the bundled plugins, {@code plugins-N/} those of each {@code --plugins},
 * {@code files/} the sweep file and its base run file as they lie relative to each other), and
 * {@code job.properties}, a training command per pending variant with placeholders for what only
 * the worker knows (read by toolkit-spark's {@code SparkJob}), and the path of the secret file,
 * never the secret.
 */
final class SparkJobFolder {

    // placeholders that toolkit-spark's VariantTask fills in on the worker
    private static final String JAVA = "{java}";
    private static final String TOOLKIT = "{toolkit}";
    private static final String SHIPPED = "{shipped}";
    private static final String THREADS = "{threads}";

    private SparkJobFolder() {
    }

    /**
     * Writes the job into {@code folder}.
     *
     * @param visible the file in the sweep folder every worker must see
     * @return the job file
     */
    static Path write(Path folder, SparkSettings settings, SweepFile sweep, List<Path> pluginDirs, Path dir,
            Path visible, List<PreparedVariant> pending) throws IOException {
        Path ship = folder.resolve("ship");
        copyTree(settings.home().resolve("plugins"), ship.resolve("plugins"));
        List<String> shippedPlugins = new ArrayList<>();
        for (int i = 0; i < pluginDirs.size(); i++) {
            copyTree(pluginDirs.get(i), ship.resolve("plugins-" + (i + 1)));
            shippedPlugins.add(SHIPPED + "/plugins-" + (i + 1));
        }
        Path sweepFile = sweep.file().toAbsolutePath();
        Path common = commonFolder(sweepFile.getParent(), sweep.base().getParent());
        for (Path file : List.of(sweepFile, sweep.base())) {
            Path copy = ship.resolve("files").resolve(common.relativize(file).toString());
            Files.createDirectories(copy.getParent());
            Files.copy(file, copy);
        }
        ChildCommand command = new ChildCommand(JAVA, TOOLKIT + "/lib/*", SHIPPED, settings.mainClass(),
                SHIPPED + "/files/" + common.relativize(sweepFile), dir.toAbsolutePath().toString(), shippedPlugins);

        Properties job = new Properties();
        job.setProperty("master", settings.master());
        job.setProperty("app", "toolkit sweep " + sweep.name());
        settings.conf().forEach((k, v) -> job.setProperty("conf." + k, v));
        if (settings.secretFile() != null) {
            // the path only: the driver reads the secret into its SparkConf itself
            job.setProperty("secret.file", settings.secretFile().toAbsolutePath().toString());
        }
        job.setProperty("ship", ship.toString());
        job.setProperty("out", dir.toAbsolutePath().toString());
        job.setProperty("visible", visible.toAbsolutePath().toString());
        job.setProperty("toolkit.home", settings.home().toAbsolutePath().toString());
        job.setProperty("toolkit.jar", "lib/toolkit-runtime-" + settings.version() + ".jar");
        job.setProperty("variants", Integer.toString(pending.size()));
        for (int i = 0; i < pending.size(); i++) {
            String id = pending.get(i).variant().id();
            List<String> args = new ArrayList<>(command.train(id, THREADS));
            args.addAll(List.of("--origin", sweepFile.toString()));
            job.setProperty("variant." + i, id);
            for (int j = 0; j < args.size(); j++) {
                job.setProperty("command." + i + "." + j, args.get(j));
            }
        }
        Path file = folder.resolve("job.properties");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            job.store(out, "toolkit sweep " + sweep.name() + " on Spark");
        }
        return file;
    }

    private static Path commonFolder(Path a, Path b) {
        Path common = a;
        while (!b.startsWith(common)) {
            common = common.getParent();
        }
        return common;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = to.resolve(from.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
    }

    /** Deletes the job folder, ignoring what is gone already. */
    static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder left behind is no reason to fail a sweep
        }
    }
}
