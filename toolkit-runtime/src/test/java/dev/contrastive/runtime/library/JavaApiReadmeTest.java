package dev.contrastive.runtime.library;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.run.MetricsLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's "From Java" example of {@link ContrastiveToolkit}, as it stands there: compiled and
 * run as a source-file program by a fresh {@code java} on this module's class path, in a folder
 * that has the project's {@code examples/}; what it prints is checked against the run folder.
 */
class JavaApiReadmeTest {

    private static final Path ROOT = Path.of(System.getProperty("toolkit.root", ".."));

    @TempDir
    Path dir;

    @Test
    void theReadmeProgramTrainsResumesAndEvaluates() throws Exception {
        Path program = dir.resolve("TrainFromJava.java");
        Files.writeString(program, readmeBlock("public class TrainFromJava"));
        Files.createSymbolicLink(dir.resolve("examples"), ROOT.resolve("examples").toAbsolutePath());
        Path log = dir.resolve("program.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Dtoolkit.home=" + Distribution.home().toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), program.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("the program ran past 10 minutes").isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();

        Matcher last = Pattern.compile("(?m)^(\\S+): kNN top-1 ([0-9.]+) after (\\d+) epochs$").matcher(output);
        assertThat(last.find()).as(output).isTrue();
        Path run = dir.resolve(last.group(1));
        assertThat(run.getParent()).isEqualTo(dir.resolve("runs"));
        assertThat(last.group(3)).isEqualTo("2");
        List<JsonNode> records = MetricsLog.read(run.resolve("metrics.jsonl"));
        assertThat(records.stream().filter(r -> r.path("type").asText().equals("epoch"))
                .map(r -> r.path("epoch").asInt())).containsExactly(1, 2);
        JsonNode eval = MetricsLog.last(records, "eval");
        assertThat(eval.path("checkpoint").asText()).isEqualTo("checkpoints/last.ckpt");
        assertThat(eval.has("linear_top1")).as("knnOnly() runs no linear probe").isFalse();
        assertThat(last.group(2)).isEqualTo(String.format(Locale.ROOT, "%.4f", eval.path("knn_top1").asDouble()));
        assertThat(output).contains("resuming " + last.group(1));
    }

    /** The README's java block that contains {@code marker}. */
    private static String readmeBlock(String marker) throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
        while (block.find()) {
            if (block.group(1).contains(marker)) {
                return block.group(1);
            }
        }
        throw new AssertionError("README.md has no java block with " + marker);
    }
}
