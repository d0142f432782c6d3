package dev.contrastive.runtime.sweep.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive.api.ConfigException;
import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.sweep.PreparedVariant;
import dev.contrastive.runtime.sweep.SweepFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Spark's authentication secret comes from a file and never appears on a command line, in the
 * driver's job file or in what the toolkit prints; RPC encryption is AES/GCM unless told otherwise.
 */
class SparkSecurityTest {

    private static final String SECRET = "s3cr3t-of-the-cluster-5f1d";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private Path secretFile() throws IOException {
        return Files.writeString(dir.resolve("secret"), SECRET + "\n");
    }

    @Test
    void aSecretOnTheCommandLineIsRefusedWithoutRepeatingIt() {
        for (String key : new String[] {"spark.authenticate.secret", "spark.ssl.keyPassword",
            "spark.hadoop.fs.s3a.access.key"}) {
            assertThatThrownBy(() -> SparkSecurity.settings(Map.of(key, SECRET), null, true, out))
                    .as(key).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("--conf " + key).hasMessageContaining("--secret-file FILE")
                    .hasMessageContaining("never given on the command line")
                    .hasMessageNotContaining(SECRET);
        }
        assertThatThrownBy(() -> SparkSecurity.settings(Map.of("spark.authenticate.secret", SECRET), null, true, out))
                .hasMessageContaining(SparkSecurity.ENV_FILE);
    }

    @Test
    void aSecretFileTurnsAuthenticationOnAndTheSettingsHoldNoSecret() throws IOException {
        Map<String, String> settings = SparkSecurity.settings(Map.of("spark.task.cpus", "2"), secretFile(), true, out);
        assertThat(settings).containsEntry("spark.authenticate", "true").containsEntry("spark.task.cpus", "2")
                .doesNotContainKey("spark.authenticate.secret");
        assertThat(settings.values()).noneMatch(v -> v.contains(SECRET));
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void theOptionWinsOverTheEnvironment() {
        Path option = Path.of("/a/secret");
        assertThat(SparkSecurity.secretFile(option, Map.of(SparkSecurity.ENV_FILE, "/b/secret"))).isEqualTo(option);
        assertThat(SparkSecurity.secretFile(null, Map.of(SparkSecurity.ENV_FILE, "/b/secret")))
                .isEqualTo(Path.of("/b/secret"));
        assertThat(SparkSecurity.secretFile(null, Map.of(SparkSecurity.ENV_FILE, ""))).isNull();
        assertThat(SparkSecurity.secretFile(null, Map.of())).isNull();
    }

    @Test
    void aSecretFileThatCannotServeIsOneMessageNamingItAndNeverItsContent() throws IOException {
        Path missing = dir.resolve("missing");
        Path empty = Files.writeString(dir.resolve("empty"), " \n\n");
        Path twoLines = Files.writeString(dir.resolve("two"), SECRET + "\n" + SECRET + "\n");
        Path binary = Files.write(dir.resolve("binary"), new byte[] {(byte) 0xff, (byte) 0xfe, 'a'});
        Path huge = Files.write(dir.resolve("huge"), new byte[SparkSecurity.MAX_BYTES + 1]);
        Map<Path, String> expected = Map.of(missing, "secret file not found", empty, "is empty",
                twoLines, "more than one line", binary, "is not UTF-8 text", huge, "more than 64 KiB", dir,
                "is a folder, not a secret file");
        expected.forEach((file, why) -> assertThatThrownBy(() -> SparkSecurity.settings(Map.of(), file, true, out))
                .as(file.toString()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--secret-file " + file).hasMessageContaining(why)
                .hasMessageNotContaining(SECRET));
    }

    @Test
    void authenticationOrEncryptionOnAClusterNeedTheSecret() throws IOException {
        for (String key : new String[] {"spark.authenticate", "spark.network.crypto.enabled"}) {
            assertThatThrownBy(() -> SparkSecurity.settings(Map.of(key, "true"), null, true, out)).as(key)
                    .isInstanceOf(ConfigException.class).hasMessageContaining("--conf " + key + "=true")
                    .hasMessageContaining("--secret-file FILE");
            // local[N] makes a secret of its own
            assertThat(SparkSecurity.settings(Map.of(key, "true"), null, false, out)).containsEntry(key, "true");
        }
        Path secret = secretFile();
        assertThatThrownBy(() -> SparkSecurity.settings(Map.of("spark.authenticate", "false"), secret, true, out))
                .hasMessageContaining("--conf spark.authenticate=false").hasMessageContaining("contradicts");
    }

    @Test
    void encryptionIsAesGcmUnlessACipherIsNamedAndCtrIsWarnedAbout() throws IOException {
        Path secret = secretFile();
        Map<String, String> settings = SparkSecurity.settings(Map.of("spark.network.crypto.enabled", "true"), secret,
                true, out);
        assertThat(settings).containsEntry("spark.network.crypto.cipher", "AES/GCM/NoPadding");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("AES/GCM/NoPadding", "CVE-2025-55039");

        printed.reset();
        settings = SparkSecurity.settings(Map.of("spark.network.crypto.enabled", "true",
                "spark.network.crypto.cipher", "AES/CTR/NoPadding"), secret, true, out);
        assertThat(settings).containsEntry("spark.network.crypto.cipher", "AES/CTR/NoPadding");
        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("warning: ").contains("CVE-2025-55039");

        printed.reset();
        assertThat(SparkSecurity.settings(Map.of("spark.task.cpus", "1"), secret, true, out))
                .doesNotContainKey("spark.network.crypto.cipher");
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void theDriversJobFileAndCommandLineHoldThePathNeverTheSecret() throws IOException {
        Path home = Files.createDirectories(dir.resolve("dist"));
        Files.createDirectories(dir.resolve("runs"));
        Files.writeString(dir.resolve("runs/run.yaml"), "objective: moco\n");
        Path sweepFile = Files.writeString(dir.resolve("s.yaml"), "base: runs/run.yaml\naxes:\n  seed: [0]\n");
        SweepFile sweep = SweepFile.load(sweepFile);
        Path secret = secretFile();
        SparkSettings settings = new SparkSettings("spark://127.0.0.1:7077",
                SparkSecurity.settings(Map.of(), secret, true, out), home, "0.3.0", "Main", secret);
        Path job = Files.createDirectory(dir.resolve("job"));
        Path out = dir.resolve("out");
        Path file = SparkJobFolder.write(job, settings, sweep, List.of(), out, out.resolve(".spark-x"),
                sweep.variants().stream().map(v -> new PreparedVariant(v, null,
                        List.of())).toList());

        assertThat(file).content().contains("secret.file=" + secret.toString().replace(":", "\\:"))
                .contains("conf.spark.authenticate=true").doesNotContain(SECRET);
        try (Stream<Path> files = Files.walk(job)) {
            assertThat(files.filter(Files::isRegularFile).toList()).allSatisfy(f -> assertThat(
                    Files.readString(f, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET));
        }
        assertThat(SparkExecutor.driver(settings, file).command()).containsExactly(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                settings.driverJar().toString(), file.toString());
    }

    @Test
    void aDryRunChecksTheSecretFileAndPrintsNoSecret() throws IOException {
        Path sweepFile = Path.of("src/test/resources/bad-input/sweeps/sweep.yaml").toAbsolutePath();
        Distribution.Result missing = Distribution.cli("sweep", sweepFile.toString(), "--dry-run", "--engine", "spark",
                "--master", "spark://127.0.0.1:1", "--secret-file", dir.resolve("none").toString());
        assertThat(missing.exitCode()).as(missing.err()).isEqualTo(2);
        assertThat(missing.err()).contains("--secret-file " + dir.resolve("none") + ": secret file not found");

        Distribution.Result dry = Distribution.cli("sweep", sweepFile.toString(), "--dry-run", "--engine", "spark",
                "--master", "spark://127.0.0.1:1", "--secret-file", secretFile().toString(), "--conf",
                "spark.network.crypto.enabled=true");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("train.epochs").doesNotContain(SECRET);
        assertThat(dry.err()).doesNotContain(SECRET);
    }
}
