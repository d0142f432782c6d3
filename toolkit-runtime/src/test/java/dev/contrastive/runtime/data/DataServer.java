package dev.contrastive.runtime.data;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * A local HTTP server on 127.0.0.1 (ephemeral port) for fetch tests: serves files by path, or
 * misbehaves as a download can. Every wait of it is bounded; {@link #close()} stops it.
 */
public final class DataServer implements AutoCloseable {

    /** How the server answers one request. */
    private interface Answer {
        void handle(HttpExchange exchange, DataServer server) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();

    private DataServer(Answer answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(handlers);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            try (exchange) {
                answer.handle(exchange, this);
            } catch (IOException | InterruptedException e) {
                // the client hung up or the test is over: nothing to answer
            }
        });
        server.start();
    }

    /** Serves {@code files} (by name) as a mirror does, at {@code /<dataset>/<name>}; 404 for others. */
    public static DataServer mirroring(String dataset, Map<String, byte[]> files) throws IOException {
        return new DataServer((exchange, server) -> {
            String path = exchange.getRequestURI().getPath();
            byte[] bytes = path.startsWith("/" + dataset + "/")
                    ? files.get(path.substring(dataset.length() + 2)) : null;
            if (bytes == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        });
    }

    /** Announces {@code length} bytes, sends {@code length / 2} and shuts down, closing the connection. */
    public static DataServer closingMidFile(int length) throws IOException {
        return new DataServer((exchange, server) -> {
            exchange.sendResponseHeaders(200, length);
            OutputStream body = exchange.getResponseBody();
            body.write(new byte[length / 2]);
            body.flush();
            // closing the exchange would keep the connection open; stopping drops it
            server.server.stop(0);
        });
    }

    /** Accepts every request and never answers, until closed. */
    public static DataServer silent() throws IOException {
        return new DataServer((exchange, server) -> server.closed.await(60, TimeUnit.SECONDS));
    }

    /** The server's base URL, with a trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Requests received so far. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    /**
     * A tiny data set's four gzipped IDX files by name: 3 train and 2 test images of 2×2 pixels.
     */
    public static Map<String, byte[]> tinyDataset() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try {
            files.put("train-images-idx3-ubyte.gz", gzip(IdxReaderTest.idx(new int[] {3, 2, 2},
                    new byte[] {0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23})));
            files.put("train-labels-idx1-ubyte.gz", gzip(IdxReaderTest.idx(new int[] {3}, new byte[] {1, 0, 2})));
            files.put("t10k-images-idx3-ubyte.gz", gzip(IdxReaderTest.idx(new int[] {2, 2, 2},
                    new byte[] {5, 6, 7, 8, 15, 16, 17, 18})));
            files.put("t10k-labels-idx1-ubyte.gz", gzip(IdxReaderTest.idx(new int[] {2}, new byte[] {2, 1})));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
