package dev.contrastive.runtime.data;

import dev.contrastive.runtime.UserError;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Downloads a known data set's files into its cache folder. Each file is written to a temporary
 * file in that folder, forced to disk, checked against its published MD5 and only then renamed to
 * its own name, so a partial or corrupt download never takes a data set's place. An archive is
 * then unpacked there ({@link TarGzArchive}, as safely) and deleted, so the cache holds the data
 * set once.
 */
public final class DatasetFetcher {

    /** Connect timeout of {@link #standard}. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long {@link #standard} waits for the next bytes, headers included, before giving up. */
    static final Duration INACTIVITY_TIMEOUT = Duration.ofSeconds(30);
    /** How often the waiting thread redraws progress and checks for inactivity. */
    private static final long POLL_MILLIS = 100;

    private final DataLocations locations;
    private final PrintStream progress;
    private final boolean terminal;
    private final Duration connectTimeout;
    private final Duration inactivityTimeout;
    // built on the first download: a data set found on disk needs no client and its threads
    private HttpClient client;

    /**
     * @param locations the cache to fill and the mirror, if any, to fetch from
     * @param progress where progress lines go (standard error)
     * @param terminal whether {@code progress} is an interactive terminal (one line redrawn)
     * @param connectTimeout how long a connection may take
     * @param inactivityTimeout how long the server may send nothing, before the headers or in the body
     */
    public DatasetFetcher(DataLocations locations, PrintStream progress, boolean terminal,
            Duration connectTimeout, Duration inactivityTimeout) {
        this.locations = locations;
        this.progress = progress;
        this.terminal = terminal;
        this.connectTimeout = connectTimeout;
        this.inactivityTimeout = inactivityTimeout;
    }

    /** The locations of the environment ({@link DataLocations#fromEnvironment()}), default timeouts. */
    public static DatasetFetcher standard(PrintStream progress, boolean terminal) {
        return new DatasetFetcher(DataLocations.fromEnvironment(), progress, terminal, CONNECT_TIMEOUT,
                INACTIVITY_TIMEOUT);
    }

    /** The cache this fetcher fills and the places {@code data.root: auto} searches. */
    public DataLocations locations() {
        return locations;
    }

    /**
     * What a fetch did.
     *
     * @param folder the cache folder that now holds every file of the data set
     * @param downloaded the files downloaded; the others were there with the right checksum
     */
    public record Fetched(Path folder, List<String> downloaded) {
    }

    /**
     * Makes the cache folder of {@code dataset} hold each of its files with the published checksum,
     * downloading those missing or different; an archive is unpacked, unless its files are there.
     *
     * @throws UserError ({@link UserError#DATA}) naming what failed and the alternatives; files
     *     already verified stay, nothing unverified is left behind
     */
    public Fetched fetch(KnownDataset dataset) {
        Path folder = locations.cacheOf(dataset.name());
        List<String> downloaded = new ArrayList<>();
        try {
            Files.createDirectories(folder);
            for (KnownDataset.DatasetFile file : dataset.files()) {
                if (file.archive() && dataset.format().complete(folder)) {
                    continue; // unpacked before, and the archive deleted
                }
                Path target = folder.resolve(file.name());
                if (!Files.isRegularFile(target) || !md5(target).equals(file.md5())) {
                    if (downloaded.isEmpty()) {
                        progress.println("fetching " + dataset.name() + " into " + folder);
                    }
                    download(dataset, file, target);
                    downloaded.add(file.name());
                }
                if (file.archive()) {
                    unpack(dataset, target, folder);
                }
            }
        } catch (IOException e) {
            throw failure(dataset, "cannot write to " + folder + ": " + e);
        }
        return new Fetched(folder, downloaded);
    }

    /** Unpacks a verified archive into {@code folder}, checks that it made the data set complete and deletes it. */
    private void unpack(KnownDataset dataset, Path archive, Path folder) throws IOException {
        progress.println("unpacking " + archive.getFileName() + " into " + folder);
        try {
            TarGzArchive.unpack(archive, folder);
        } catch (IOException e) {
            throw failure(dataset, "cannot unpack " + archive + ": " + e.getMessage());
        }
        if (!dataset.format().complete(folder)) {
            throw failure(dataset, archive + " did not hold the data set's files (" + String.join(", ",
                    dataset.format().files()) + ")");
        }
        Files.delete(archive);
    }

    private void download(KnownDataset dataset, KnownDataset.DatasetFile file, Path target) throws IOException {
        URI url = locations.url(dataset, file);
        // unique, so processes fetching at once do not collide; not createTempFile, whose owner-only
        // permissions would stay on the file in a cache that TOOLKIT_DATA may share
        Path temp = target.resolveSibling("." + file.name() + "." + UUID.randomUUID() + ".part");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                receive(dataset, url, channel, new DownloadProgress(progress, terminal, dataset.name() + " "
                        + file.name()));
                channel.force(true);
            }
            String md5 = md5(temp);
            if (!md5.equals(file.md5())) {
                throw failure(dataset, url + " gave " + Files.size(temp) + " bytes with MD5 " + md5
                        + ", expected " + file.md5() + " (a corrupt or changed file)");
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Streams the body of {@code url} into {@code channel}. The client's own timeouts end at the
     * headers, so this thread watches the bytes arrive and aborts when none came for the
     * inactivity timeout.
     */
    private void receive(KnownDataset dataset, URI url, FileChannel channel, DownloadProgress shown) {
        FileBody body = new FileBody(channel);
        CompletableFuture<HttpResponse<Void>> response = client().sendAsync(HttpRequest.newBuilder(url).build(), body);
        try {
            while (true) {
                try {
                    response.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    checkStatus(dataset, url, body);
                    if (System.nanoTime() - body.lastActivity > inactivityTimeout.toNanos()) {
                        throw failure(dataset, url + ": nothing received for " + inactivityTimeout.toSeconds()
                                + " s (after " + body.received + " bytes)");
                    }
                    shown.update(body.received, body.total);
                }
            }
            checkStatus(dataset, url, body);
        } catch (ExecutionException e) {
            throw failure(dataset, url + ": " + describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(dataset, url + ": interrupted");
        } finally {
            response.cancel(true);
            body.cancel();
            shown.end(body.received, body.total);
        }
    }

    private static void checkStatus(KnownDataset dataset, URI url, FileBody body) {
        if (body.status != 0 && body.status != 200) {
            throw failure(dataset, url + " answered HTTP " + body.status);
        }
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
        }
        return client;
    }

    /** Lower-case hex MD5 of a file's bytes. */
    static String md5(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    /** What went wrong, in words where the exception has none (the client's connect failures). */
    private String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + connectTimeout.toSeconds() + " s";
        }
        if (e instanceof ConnectException && root instanceof UnresolvedAddressException) {
            return "unknown host (offline?)";
        }
        if (e instanceof ConnectException) {
            return "cannot connect (refused or unreachable)";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + (root == e ? "" : " (" + root.getClass().getSimpleName()
                        + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")");
    }

    private static UserError failure(KnownDataset dataset, String detail) {
        return new UserError(UserError.DATA, "could not fetch " + dataset.name() + ": " + detail + ". "
                + Datasets.alternatives(dataset) + "; a mirror: TOOLKIT_DATA_MIRROR; or stop downloads "
                + "with data.download: never");
    }

    /**
     * Writes a 200 response's body to a file as it arrives (other answers are discarded), noting
     * the status, the announced length and when bytes last came.
     */
    private static final class FileBody implements HttpResponse.BodyHandler<Void>, HttpResponse.BodySubscriber<Void> {

        private final FileChannel channel;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;
        private volatile int status;
        private volatile long total = -1;
        private volatile long received;
        private volatile long lastActivity = System.nanoTime();

        FileBody(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public HttpResponse.BodySubscriber<Void> apply(HttpResponse.ResponseInfo info) {
            lastActivity = System.nanoTime();
            status = info.statusCode();
            if (status != 200) {
                return HttpResponse.BodySubscribers.replacing(null);
            }
            total = info.headers().firstValueAsLong("content-length").orElse(-1);
            return this;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            try {
                for (ByteBuffer buffer : buffers) {
                    while (buffer.hasRemaining()) {
                        received += channel.write(buffer);
                    }
                }
                lastActivity = System.nanoTime();
                subscription.request(1);
            } catch (IOException e) {
                subscription.cancel();
                done.completeExceptionally(e);
            }
        }

        @Override
        public void onError(Throwable error) {
            done.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }

        @Override
        public CompletionStage<Void> getBody() {
            return done;
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
