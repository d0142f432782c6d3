package dev.contrastive.runtime.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a JVM that trains one variant, {@code toolkit sweep FILE --only ID}: DJL
 * allows one gradient collector per process, so runs that train side by side each need a JVM of
 * their own. Its parts are text so that an executor can fill in what only the machine that runs
 * it knows (its java, its toolkit) through placeholders.
 *
 * @param java the java launcher
 * @param classPath the toolkit's class path
 * @param home the toolkit home whose {@code plugins/} the child loads
 * @param mainClass the CLI's main class
 * @param sweepFile the sweep file
 * @param out the sweep folder
 * @param pluginDirs the folders of {@code --plugins}
 */
public record ChildCommand(String java, String classPath, String home, String mainClass, String sweepFile,
        String out, List<String> pluginDirs) {

    /** A child on this machine: this JVM's java and class path. */
    public static ChildCommand local(Path home, String mainClass, Path sweepFile, Path out, List<Path> pluginDirs) {
        return new ChildCommand(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                System.getProperty("java.class.path"), home.toAbsolutePath().toString(), mainClass,
                sweepFile.toAbsolutePath().toString(), out.toAbsolutePath().toString(),
                pluginDirs.stream().map(p -> p.toAbsolutePath().toString()).toList());
    }

    /**
     * The command that trains {@code variantId} with {@code threads} PyTorch threads, or with its
     * own {@code train.threads} when {@code threads} is null.
     */
    public List<String> train(String variantId, String threads) {
        List<String> command = new ArrayList<>();
        command.add(java);
        for (String key : System.getProperties().stringPropertyNames()) {
            // the engine's settings, but not its thread counts, which are the run's own
            if ((key.startsWith("ai.djl.") && !key.startsWith("ai.djl.pytorch.num_")) || key.equals("java.awt.headless")) {
                command.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        command.add("-Dtoolkit.home=" + home);
        command.addAll(List.of("-cp", classPath, mainClass, "sweep", sweepFile, "--out", out));
        if (threads != null) {
            command.addAll(List.of("--threads", threads));
        }
        command.addAll(List.of("--only", variantId));
        for (String dir : pluginDirs) {
            command.addAll(List.of("--plugins", dir));
        }
        return command;
    }
}
