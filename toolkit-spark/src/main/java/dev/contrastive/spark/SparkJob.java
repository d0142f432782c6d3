package dev.contrastive.spark;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A sweep's job as the toolkit wrote it for the driver ({@code job.properties}, read here and
 * written by the toolkit's {@code SparkJobFolder}): where to run, what to ship, and a command per
 * pending variant.
 *
 * @param master the Spark master URL
 * @param appName the application's name
 * @param conf Spark settings of {@code --conf}
 * @param ship the folder of plugin JARs and run files to ship to every worker
 * @param tasks a task per pending variant, in the sweep's order
 * @param secretFile the file of the cluster's {@code spark.authenticate.secret}, or null
 */
public record SparkJob(String master, String appName, Map<String, String> conf, Path ship, List<VariantTask> tasks,
        Path secretFile) {

    /** The name under which the shipped folder's archive is unpacked on each worker. */
    static final String SHIPPED = "shipped.zip";

    /** Reads {@code job.properties}. */
    public static SparkJob read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        Map<String, String> conf = new LinkedHashMap<>();
        p.stringPropertyNames().stream().filter(k -> k.startsWith("conf.")).sorted()
                .forEach(k -> conf.put(k.substring("conf.".length()), p.getProperty(k)));
        List<VariantTask> tasks = new ArrayList<>();
        int variants = Integer.parseInt(required(p, "variants"));
        for (int i = 0; i < variants; i++) {
            List<String> command = new ArrayList<>();
            for (int j = 0; p.containsKey("command." + i + "." + j); j++) {
                command.add(p.getProperty("command." + i + "." + j));
            }
            tasks.add(new VariantTask(required(p, "variant." + i), List.copyOf(command), required(p, "out"),
                    required(p, "visible"), required(p, "toolkit.home"), required(p, "toolkit.jar"), SHIPPED));
        }
        String secret = p.getProperty("secret.file");
        return new SparkJob(required(p, "master"), required(p, "app"), conf, Path.of(required(p, "ship")),
                List.copyOf(tasks), secret == null ? null : Path.of(secret));
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("job file: no " + key);
        }
        return value;
    }
}
