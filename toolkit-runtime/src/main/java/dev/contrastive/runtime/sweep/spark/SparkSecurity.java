package dev.contrastive.runtime.sweep.spark;

import dev.contrastive.api.ConfigException;
import dev.contrastive.api.SourceLocation;
import dev.contrastive.runtime.io.InputPaths;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Spark's RPC authentication and encryption for a sweep, checked before anything starts. The
 * shared secret of {@code spark.authenticate} comes from a file only ({@code --secret-file FILE},
 * or the file named by {@value #ENV_FILE}): a value on the command line would be seen by every
 * user of the machine ({@code ps}), so {@code --conf} refuses every setting whose value Spark
 * itself treats as a secret. The toolkit hands the driver the file's path, never its content;
 * the driver reads it into its {@code SparkConf}. When RPC encryption is on, the cipher is AES/GCM
 * unless {@code --conf} names one: Spark's default, AES/CTR, does not authenticate what it
 * encrypts (CVE-2025-55039).
 */
public final class SparkSecurity {

    /** The environment variable that names the secret file when {@code --secret-file} is not given. */
    public static final String ENV_FILE = "TOOLKIT_SPARK_SECRET_FILE";

    static final String AUTHENTICATE = "spark.authenticate";
    static final String SECRET = "spark.authenticate.secret";
    static final String CRYPTO = "spark.network.crypto.enabled";
    static final String CIPHER = "spark.network.crypto.cipher";
    static final String GCM = "AES/GCM/NoPadding";

    /** The longest secret file read: a secret is a line, not a document. */
    static final int MAX_BYTES = 64 * 1024;

    /** Spark's default {@code spark.redaction.regex}: the settings whose values are secrets. */
    private static final Pattern SECRET_KEY = Pattern.compile("(?i)secret|password|token|access[.]?key");

    private SparkSecurity() {
    }

    /**
     * The secret file of {@code --secret-file}, else of {@value #ENV_FILE}, else null.
     *
     * @param environment the process's environment
     */
    public static Path secretFile(Path option, Map<String, String> environment) {
        if (option != null) {
            return option;
        }
        String named = environment.get(ENV_FILE);
        return named == null || named.isEmpty() ? null : Path.of(named);
    }

    /**
     * Checks {@code conf} and the secret file, and returns the Spark settings the driver gets:
     * {@code conf} with {@code spark.authenticate=true} when there is a secret, and the AES/GCM
     * cipher when RPC encryption is on without one named.
     *
     * @param secretFile the file of the shared secret, or null
     * @param cluster whether the master is a {@code spark://} cluster, where the secret is the cluster's
     * @param out where a note on the cipher is printed
     * @throws ConfigException (exit code 2) for a secret on the command line, a setting that
     *     needs the secret without one, or a secret file that cannot be used
     */
    public static Map<String, String> settings(Map<String, String> conf, Path secretFile, boolean cluster,
            PrintStream out) {
        for (String key : conf.keySet()) {
            if (SECRET_KEY.matcher(key).find()) {
                // the value is never repeated: it is the secret
                throw usage("--conf " + key, key.equals(SECRET) || key.startsWith(SECRET + ".")
                        ? "a secret is never given on the command line, where every user of this machine sees it; "
                                + "put the cluster's secret in a file only you can read and name it with --secret-file "
                                + "FILE or " + ENV_FILE + "=FILE"
                        : "a secret is never given on the command line, where every user of this machine sees it; the "
                                + "toolkit takes Spark's authentication secret only, from --secret-file FILE");
            }
        }
        Map<String, String> settings = new LinkedHashMap<>(conf);
        boolean authenticate = isTrue(conf, AUTHENTICATE);
        if (secretFile != null) {
            if (conf.containsKey(AUTHENTICATE) && !authenticate) {
                throw usage("--conf " + AUTHENTICATE + "=" + conf.get(AUTHENTICATE), "contradicts the secret file "
                        + secretFile + ", which turns authentication on");
            }
            checkSecretFile(secretFile);
            settings.put(AUTHENTICATE, "true");
        } else if (cluster && (authenticate || isTrue(conf, CRYPTO))) {
            String option = authenticate ? AUTHENTICATE : CRYPTO;
            throw usage("--conf " + option + "=true", "needs the cluster's shared secret: put it in a file only "
                    + "you can read and name it with --secret-file FILE or " + ENV_FILE + "=FILE");
        }
        if (isTrue(conf, CRYPTO)) {
            String cipher = conf.get(CIPHER);
            if (cipher == null) {
                settings.put(CIPHER, GCM);
                out.println("spark: RPC encryption with " + GCM + " (" + CIPHER + "), which the cluster must use "
                        + "too; Spark's default AES/CTR does not detect tampering (CVE-2025-55039)");
            } else if (!cipher.equalsIgnoreCase(GCM)) {
                out.println("warning: " + CIPHER + "=" + cipher + " does not detect tampering (CVE-2025-55039); use "
                        + GCM + " here and on the cluster");
            }
        }
        return settings;
    }

    /**
     * Refuses a secret file that is not a regular file, cannot be read, is not UTF-8 text, or holds
     * no secret (nothing but white space) or more than one line; the message names the file and
     * never its content.
     */
    static void checkSecretFile(Path file) {
        String what = "secret file";
        if (!Files.isRegularFile(file)) {
            throw usage("--secret-file " + file, InputPaths.problem(file, what));
        }
        String secret;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw usage("--secret-file " + file, "holds more than " + MAX_BYTES / 1024 + " KiB: a " + what
                        + " holds the cluster's secret alone, one line");
            }
            secret = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString().strip();
        } catch (AccessDeniedException e) {
            throw usage("--secret-file " + file, "cannot be read (permission denied)");
        } catch (CharacterCodingException e) {
            throw usage("--secret-file " + file, "is not UTF-8 text: a " + what + " holds the secret as one line");
        } catch (IOException e) {
            throw usage("--secret-file " + file, "cannot be read (" + e.getMessage() + ")");
        }
        if (secret.isEmpty()) {
            throw usage("--secret-file " + file, "is empty: it must hold the cluster's spark.authenticate.secret");
        }
        if (secret.lines().count() > 1) {
            throw usage("--secret-file " + file, "holds more than one line: a " + what
                    + " holds the cluster's secret alone");
        }
    }

    private static boolean isTrue(Map<String, String> conf, String key) {
        return conf.getOrDefault(key, "false").strip().toLowerCase(Locale.ROOT).equals("true");
    }

    private static ConfigException usage(String option, String message) {
        return new ConfigException(new SourceLocation(option, 0, 0), message);
    }
}
