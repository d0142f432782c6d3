package dev.contrastive.runtime.sweep.spark;

import dev.contrastive.api.ConfigException;
import dev.contrastive.api.SourceLocation;
import dev.contrastive.runtime.UserError;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --master} of a Spark sweep, checked before anything starts: {@code local[N]} with
 * N at least 1 (or {@code *}), or {@code spark://host:port[,host:port...]} of which one master
 * accepts a connection. Spark itself finds an unreachable master only after a minute of retries,
 * and says so in words of its own; here it is one message naming the master.
 */
public final class SparkMaster {

    /** How long a master has to accept a connection. */
    static final int CONNECT_MILLIS = 5_000;

    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d{1,4})(?:,(\\d{1,4}))?])?");
    private static final Pattern CLUSTER = Pattern.compile("spark://(.+)");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[^:/\\[\\]]+)(?::(\\d{1,5}))?");

    private SparkMaster() {
    }

    /**
     * @param connect whether to try the masters of a {@code spark://} URL (not for a dry run)
     * @throws ConfigException (exit code 2) for a master that is not written as Spark takes it
     * @throws UserError (exit code 5) when no master of a {@code spark://} URL can be reached
     */
    public static void check(String master, boolean connect) {
        if (master == null) {
            throw usage("--engine spark", "give the cluster as --master local[N] (this machine, N runs at once) "
                    + "or spark://host:7077");
        }
        Matcher local = LOCAL.matcher(master);
        if (local.matches()) {
            if (local.group(1) != null && !local.group(1).equals("*") && Integer.parseInt(local.group(1)) < 1) {
                throw usage("--master " + master, "local[N] runs N tasks at once: N must be at least 1 (or *)");
            }
            return;
        }
        Matcher cluster = CLUSTER.matcher(master);
        if (!cluster.matches()) {
            throw usage("--master " + master, "give the cluster as --master local[N] (this machine, N runs at "
                    + "once) or spark://host:7077");
        }
        List<String> refused = new ArrayList<>();
        for (String address : cluster.group(1).split(",")) {
            Matcher hostPort = HOST_PORT.matcher(address.strip());
            if (!hostPort.matches()) {
                throw usage("--master " + master, "'" + address + "' is not host:port");
            }
            if (!connect) {
                continue;
            }
            String host = hostPort.group(1).replaceAll("^\\[|]$", "");
            int port = hostPort.group(2) == null ? 7077 : Integer.parseInt(hostPort.group(2));
            String why = reach(host, port);
            if (why == null) {
                return;
            }
            refused.add(host + ":" + port + " (" + why + ")");
        }
        if (refused.isEmpty()) {
            return;
        }
        throw new UserError(UserError.TRAINING, "cannot reach the Spark master " + master + ": "
                + String.join(", ", refused) + "; start the master (sbin/start-master.sh), or check the host, the "
                + "port and the firewall");
    }

    /** Null when {@code host:port} accepts a connection, else why not. */
    private static String reach(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_MILLIS);
            return null;
        } catch (java.net.UnknownHostException e) {
            return "unknown host";
        } catch (java.net.SocketTimeoutException e) {
            return "no answer in " + CONNECT_MILLIS / 1000 + " s";
        } catch (IOException | IllegalArgumentException e) {
            String reason = e.getMessage();
            return reason == null ? e.getClass().getSimpleName() : reason.toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static ConfigException usage(String option, String message) {
        return new ConfigException(new SourceLocation(option, 0, 0), message);
    }
}
