package dev.contrastive.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive.runtime.Distribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * A run folder that toolkit 0.2.0 wrote after its first of two epochs ({@code compat/run-0.2.0/}:
 * its resolved config.yaml, its log, and its epoch-1 checkpoint, whose optimiser buffers are named
 * by position) resumes with {@code toolkit run --resume} and trains the second epoch as 0.2.0 did:
 * the same records and, on the recording's CPU, the same encoder bytes.
 */
class ResumeOfA02RunTest {

    private static final String FIXTURE = "/compat/run-0.2.0/";

    @TempDir
    Path dir;

    @Test
    void theSecondEpochIsTheOneToolkit020Trained() throws Exception {
        Path run = Files.createDirectories(dir.resolve("resume-0.2").resolve("checkpoints"));
        for (String file : List.of("config.yaml", "metrics.jsonl", "checkpoints/last.ckpt")) {
            copy(file, run.getParent().resolve(file));
        }
        Path folder = run.getParent();
        Distribution.Result result = Distribution.process(dir.resolve("resume.log"), "run", "--resume", folder.toString());
        assertThat(result.exitCode()).as(result.out()).isZero();

        List<String> log = Files.readAllLines(folder.resolve("metrics.jsonl"));
        int kept = text("metrics.jsonl").strip().split("\n").length;
        assertThat(log.subList(0, kept)).as("the 0.2 records are kept as they were")
                .containsExactlyElementsOf(List.of(text("metrics.jsonl").strip().split("\n")));
        boolean sameCpu = BehaviourGoldenTest.cpuFlags().equals(text("cpu-flags.txt").strip());
        BehaviourGoldenTest.assertSameRecords("resume of a 0.2.0 run",
                BehaviourGoldenTest.records(String.join("\n", log.subList(kept, log.size()))),
                BehaviourGoldenTest.records(text("expected-after-epoch-1.jsonl")), sameCpu);
        if (sameCpu) {
            assertThat(BehaviourGoldenTest.sha256(folder.resolve("encoder.params"))).as("encoder.params")
                    .isEqualTo(text("expected-encoder.sha256").strip());
        }
        String written = new String(Files.readAllBytes(folder.resolve("checkpoints/last.ckpt")), StandardCharsets.ISO_8859_1);
        List<String> buffers = Pattern.compile("optimizer\\.momentum\\.[\\w.]+").matcher(written).results()
                .map(MatchResult::group).toList();
        assertThat(buffers).as("the new checkpoint names its buffers by parameter").isNotEmpty()
                .noneMatch(name -> name.matches("optimizer\\.momentum\\.\\d+")).contains("optimizer.momentum.query.backbone.01Conv2d_weight");
    }

    private static void copy(String file, Path to) throws IOException {
        try (InputStream in = ResumeOfA02RunTest.class.getResourceAsStream(FIXTURE + file)) {
            assertThat(in).as(FIXTURE + file).isNotNull();
            Files.copy(in, to);
        }
    }

    private static String text(String file) throws IOException {
        try (InputStream in = ResumeOfA02RunTest.class.getResourceAsStream(FIXTURE + file)) {
            assertThat(in).as(FIXTURE + file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
