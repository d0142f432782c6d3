package dev.contrastive.spark;

import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * One variant as a Spark task: on the worker, starts the toolkit's JVM that trains the variant
 * into the shared sweep folder ({@code toolkit sweep FILE --only ID}), which resumes the run from
 * its last checkpoint when an earlier attempt left one.
 *
 * @param variant the variant's id
 * @param command the training JVM's command line, with placeholders for what only the worker
 *     knows: {@value #JAVA}, {@value #TOOLKIT}, {@value #SHIPPED}, {@value #THREADS}
 * @param sweepDir the sweep folder
 * @param visibleCheck a file the driver's machine wrote in the sweep folder, which every worker must see
 * @param toolkitHome where the toolkit is installed unless the worker's {@code TOOLKIT_HOME} says otherwise
 * @param toolkitJar the runtime's JAR, relative to the toolkit's home: there when the toolkit is
 * @param shipped the name of the archive of plugin JARs and run files shipped with the job
 */
public record VariantTask(String variant, List<String> command, String sweepDir, String visibleCheck,
        String toolkitHome, String toolkitJar, String shipped) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The worker's java launcher. */
    static final String JAVA = "{java}";
    /** The toolkit's home on the worker. */
    static final String TOOLKIT = "{toolkit}";
    /** The folder the shipped archive was unpacked into on the worker. */
    static final String SHIPPED = "{shipped}";
    /** The task's cores ({@code spark.task.cpus}): the run's PyTorch threads. */
    static final String THREADS = "{threads}";
    /** Where a standalone worker puts the cluster's secret for its executors (SecurityManager.ENV_AUTH_SECRET). */
    static final String AUTH_SECRET_VARIABLE = "_SPARK_AUTH_SECRET";

    /** Trains the variant; a failed run is an outcome, only a worker that dies makes Spark retry it. */
    TaskOutcome run(TaskContext context) throws InterruptedException {
        String host = host();
        Path log = Path.of(sweepDir).resolve("logs").resolve(variant + ".log");
        Path toolkit = Path.of(System.getenv().getOrDefault("TOOLKIT_HOME", toolkitHome));
        String problem = problem(host, log, toolkit);
        if (problem != null) {
            return new TaskOutcome(variant, host, -1, Double.NaN, problem);
        }
        ProcessBuilder builder = new ProcessBuilder(commandOn(toolkit, context.cpus())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // the worker hands its executor the cluster's secret in the environment; a run has no use for it
        builder.environment().remove(AUTH_SECRET_VARIABLE);
        long start = System.nanoTime();
        Process child;
        try {
            useTaskGpus(context, builder, log);
            child = builder.start();
        } catch (IOException e) {
            return new TaskOutcome(variant, host, -1, Double.NaN, "worker " + host
                    + " cannot start the toolkit's JVM: " + e.getMessage());
        }
        // the child's standard input stays open: it ends the child when this executor dies
        try {
            int code = child.waitFor();
            return new TaskOutcome(variant, host, code, (System.nanoTime() - start) / 1e9, null);
        } finally {
            child.destroy();
        }
    }

    /** Why this worker cannot train the variant (the sweep folder it must see and write, the toolkit), or null. */
    private String problem(String host, Path log, Path toolkit) {
        Path dir = Path.of(sweepDir);
        if (!Files.isRegularFile(Path.of(visibleCheck))) {
            return "worker " + host + " does not see the sweep folder " + dir + " (" + visibleCheck
                    + " is missing there): it must be on a filesystem every worker sees";
        }
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            return "worker " + host + " cannot write the sweep folder " + dir + " (" + e
                    + "): it must be on a filesystem every worker sees, writable by the user Spark's executors run as";
        }
        if (!Files.isRegularFile(toolkit.resolve(toolkitJar))) {
            return "worker " + host + " has no toolkit at " + toolkit + " (no " + toolkitJar + "): install the "
                    + "toolkit's dist/ there, or name its folder with --conf spark.executorEnv.TOOLKIT_HOME=DIR";
        }
        return null;
    }

    /** The task's GPUs, as Spark's resource scheduling assigned them, are the only ones the run sees. */
    private static void useTaskGpus(TaskContext context, ProcessBuilder builder, Path log) throws IOException {
        ResourceInformation gpu = context.resourcesJMap().get("gpu");
        if (gpu != null) {
            String visible = String.join(",", gpu.addresses());
            builder.environment().put("CUDA_VISIBLE_DEVICES", visible);
            Files.writeString(log, "spark: this run's GPU " + visible + " (CUDA_VISIBLE_DEVICES)\n",
                    StandardOpenOption.APPEND);
        }
    }

    /** The command with the worker's own java, toolkit, shipped files and task cores filled in. */
    private List<String> commandOn(Path toolkit, int cpus) {
        return fill(command, Map.of(JAVA, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                TOOLKIT, toolkit.toString(), SHIPPED, SparkFiles.get(shipped), THREADS, Integer.toString(cpus)));
    }

    /** {@code command} with each placeholder replaced by its value. */
    static List<String> fill(List<String> command, Map<String, String> values) {
        return command.stream().map(arg -> {
            String filled = arg;
            for (Map.Entry<String, String> value : values.entrySet()) {
                filled = filled.replace(value.getKey(), value.getValue());
            }
            return filled;
        }).toList();
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "(unknown host)";
        }
    }
}
