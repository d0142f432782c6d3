package dev.contrastive.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.network.TransportContext;
import org.apache.spark.network.client.TransportClientFactory;
import org.apache.spark.network.crypto.AuthClientBootstrap;
import org.apache.spark.network.sasl.SecretKeyHolder;
import org.apache.spark.network.server.NoOpRpcHandler;
import org.apache.spark.network.util.MapConfigProvider;
import org.apache.spark.network.util.TransportConf;
import scala.Tuple2;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a standalone master accepts the driver's secret, found in seconds before the
 * SparkContext starts: Spark itself retries a refused registration for a minute and then says
 * that "all masters are unresponsive". The check is Spark's own handshake (the {@code
 * AuthClientBootstrap} every connection of the driver makes), against each master of the URL.
 */
final class MasterAuthentication {

    /** The Spark setting of the shared secret. */
    static final String SECRET = "spark.authenticate.secret";

    /** How long the handshake may take unless the job's settings say otherwise. */
    private static final String TIMEOUT = "10s";

    private MasterAuthentication() {
    }

    /** The secret in {@code file}: its text without the white space around it (a trailing line break). */
    static String readSecret(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    /**
     * Refuses the job when no master of a {@code spark://} URL accepts the secret of {@code conf};
     * nothing is checked for another master.
     *
     * @param secretFile where the secret came from, which the message names
     * @throws IllegalStateException naming the master and the file
     */
    static void check(String master, SparkConf conf, Path secretFile) throws InterruptedException {
        if (!master.startsWith("spark://")) {
            return;
        }
        Map<String, String> settings = new HashMap<>();
        for (Tuple2<String, String> setting : conf.getAll()) {
            settings.put(setting._1(), setting._2());
        }
        settings.putIfAbsent("spark.network.auth.rpcTimeout", TIMEOUT);
        settings.putIfAbsent("spark.rpc.io.connectionTimeout", TIMEOUT);
        TransportConf transport = new TransportConf("rpc", new MapConfigProvider(settings));
        String secret = conf.get(SECRET);
        List<String> refused = new ArrayList<>();
        try (TransportContext context = new TransportContext(transport, new NoOpRpcHandler());
                TransportClientFactory factory = context.createClientFactory(List.of(
                        new AuthClientBootstrap(transport, conf.get("spark.app.name", "toolkit"), holder(secret))))) {
            for (String address : master.substring("spark://".length()).split(",")) {
                String hostPort = address.strip();
                int colon = hostPort.lastIndexOf(':');
                String host = hostPort.substring(0, colon).replaceAll("^\\[|]$", "");
                int port = Integer.parseInt(hostPort.substring(colon + 1));
                try {
                    factory.createClient(host, port).close();
                    return;
                } catch (IOException | RuntimeException e) {
                    String reason = reason(e);
                    refused.add(reason == null ? hostPort : hostPort + " (" + reason + ")");
                }
            }
        }
        throw new IllegalStateException("the Spark master " + master + " refused the sweep's authentication: "
                + String.join(", ", refused) + "; the secret in " + secretFile + " must be the cluster's "
                + SECRET + " (and the cluster must run with spark.authenticate=true and the same "
                + "spark.network.crypto settings)");
    }

    private static SecretKeyHolder holder(String secret) {
        return new SecretKeyHolder() {
            @Override
            public String getSaslUser(String appId) {
                return "sparkSaslUser"; // Spark's SecurityManager.getSaslUser
            }

            @Override
            public String getSecretKey(String appId) {
                return secret;
            }
        };
    }

    /** The first line of the innermost message, or null where there is none (a channel closed by the master). */
    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? null : message.lines().findFirst().orElse(message).strip();
    }
}
