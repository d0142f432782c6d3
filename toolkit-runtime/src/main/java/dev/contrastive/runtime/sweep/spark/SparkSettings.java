package dev.contrastive.runtime.sweep.spark;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where and how a sweep runs on Spark.
 *
 * @param master {@code local[N]} or {@code spark://host:port}
 * @param conf Spark settings of {@code --conf}
 * @param home the toolkit's home ({@code dist/}): its {@code spark/lib/} holds the driver, its
 *     {@code plugins/} the bundled plugins; workers find the toolkit there too unless told otherwise
 * @param version the toolkit's version
 * @param mainClass the CLI's main class, which each run's JVM starts
 * @param secretFile the file of the cluster's shared secret ({@link SparkSecurity}), or null: the
 *     driver is handed its path, never its content
 */
public record SparkSettings(String master, Map<String, String> conf, Path home, String version, String mainClass,
        Path secretFile) {

    /** The driver's JAR, whose manifest names the rest of {@code spark/lib/}. */
    public Path driverJar() {
        return home.resolve("spark").resolve("lib").resolve("toolkit-spark-" + version + ".jar");
    }
}
