package dev.contrastive.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive.runtime.Distribution;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The {@code ./toolkit} launcher's class-data sharing archive and its quick commands, on a copy of
 * the installation: {@code dist/lib} and {@code dist/plugins} copied, and the source folders the
 * launcher checks for staleness present and older than its build stamp, so it never builds.
 * An integration test: {@code dist/lib} is complete only after this module's package phase.
 */
class LauncherIT {

    private static final String VERSION_LINE = "contrastive toolkit " + Distribution.VERSION + "\n";

    @TempDir
    Path install;

    private Path archive;

    @BeforeEach
    void copyTheInstallation() throws IOException {
        Path dist = Files.createDirectories(install.resolve("dist"));
        Files.copy(Path.of("..", "toolkit"), install.resolve("toolkit"));
        install.resolve("toolkit").toFile().setExecutable(true);
        for (String folder : List.of("lib", "plugins")) {
            Path copy = Files.createDirectories(dist.resolve(folder));
            try (Stream<Path> jars = Files.list(Distribution.home().resolve(folder))) {
                for (Path jar : jars.toList()) {
                    Files.copy(jar, copy.resolve(jar.getFileName()));
                }
            }
        }
        Files.writeString(install.resolve("pom.xml"), "");
        for (String sources : List.of("toolkit-api", "toolkit-runtime", "toolkit-spark", "plugins")) {
            Files.createDirectories(install.resolve(sources));
        }
        Files.writeString(dist.resolve(".built"), "");
        archive = dist.resolve("toolkit.jsa");
    }

    @Test
    void theFirstLaunchMakesTheArchiveAndTheNextLoadsTheToolkitFromIt() throws Exception {
        Launch first = launch(Map.of(), "--version");
        assertThat(first.out()).isEqualTo(VERSION_LINE);
        assertThat(first.err()).isEmpty();
        assertThat(archive).isRegularFile();
        try (Stream<Path> files = Files.list(archive.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no half-written archive left")
                    .noneMatch(name -> name.startsWith("toolkit.jsa."));
        }

        Launch next = launch(Map.of("TOOLKIT_JAVA_OPTS", "-Xlog:class+load=info"), "--version");
        assertThat(next.out()).contains("dev.contrastive.runtime.cli.Main source: shared objects file (top)")
                .contains(VERSION_LINE);
    }

    @Test
    void aJarNewerThanTheArchiveRemakesItAndADamagedArchiveIsPassedOverSilently() throws Exception {
        launch(Map.of(), "--version");
        FileTime made = Files.getLastModifiedTime(archive);
        Files.setLastModifiedTime(install.resolve("dist/lib/toolkit-api-" + Distribution.VERSION + ".jar"),
                FileTime.from(made.toInstant().plusSeconds(60)));
        Launch rebuilt = launch(Map.of(), "--version");
        assertThat(rebuilt.out()).isEqualTo(VERSION_LINE);
        assertThat(rebuilt.err()).isEmpty();
        assertThat(Files.getLastModifiedTime(archive)).isGreaterThan(made);

        archive.toFile().setWritable(true);
        Files.writeString(archive, "not an archive");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(3600)));
        Launch damaged = launch(Map.of(), "plugins");
        assertThat(damaged.exitCode()).isZero();
        assertThat(damaged.out()).contains("policy    weak");
        assertThat(damaged.err()).isEmpty();
    }

    @Test
    void toolkitCdsOffLeavesTheArchiveOut() throws Exception {
        Launch launch = launch(Map.of("TOOLKIT_CDS", "off"), "--version");
        assertThat(launch.out()).isEqualTo(VERSION_LINE);
        assertThat(archive).doesNotExist();
    }

    /** Printing commands start without the optimising compiler; a run keeps it. */
    @Test
    void onlyCommandsThatPrintStartWithTheQuickCompiler() throws Exception {
        Map<String, String> flags = Map.of("TOOLKIT_JAVA_OPTS", "-XX:+PrintFlagsFinal");
        assertThat(tieredStopAtLevel(launch(flags, "plugins"))).isEqualTo("1");
        assertThat(tieredStopAtLevel(launch(flags, "--help"))).isEqualTo("1");
        Launch run = launch(flags, "run");
        assertThat(run.exitCode()).as("run without a run file is a usage error").isEqualTo(2);
        assertThat(tieredStopAtLevel(run)).isEqualTo("4");
    }

    private static String tieredStopAtLevel(Launch launch) {
        return launch.out().lines().filter(line -> line.matches("\\s*intx TieredStopAtLevel\\s+=.*"))
                .map(line -> line.replaceAll(".*=\\s*(\\d+).*", "$1")).findFirst()
                .orElseThrow(() -> new AssertionError("no TieredStopAtLevel in:\n" + launch.out()));
    }

    private record Launch(int exitCode, String out, String err) {
    }

    private Launch launch(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(install.resolve("toolkit").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(install.toFile());
        builder.environment().remove("TOOLKIT_JAVA_OPTS");
        builder.environment().remove("TOOLKIT_CDS");
        builder.environment().putAll(environment);
        Path out = install.resolve("out.txt");
        Path err = install.resolve("err.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the launcher ran past 2 minutes: " + command);
        }
        return new Launch(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
