package dev.wharf.http.v2;

import dev.wharf.http.auth.OpenAuthenticator;
import dev.wharf.meta.JdbcMetadataStore;
import dev.wharf.meta.MetadataStore;
import dev.wharf.oci.Digest;
import dev.wharf.content.BlobService;
import dev.wharf.content.ContentDeletion;
import dev.wharf.content.ContentDiscovery;
import dev.wharf.content.ManifestService;
import dev.wharf.content.UploadService;
import dev.wharf.storage.fs.FilesystemBlobStore;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How often one upload request reads its session from the metadata store: a {@code PUT} with {@code Content-Range}
 * reads it once, checking the range where the service already holds the upload's lock.
 */
class UploadSessionReadsTest {
    @TempDir
    Path dir;

    private JdbcMetadataStore jdbc;
    private FilesystemBlobStore blobs;
    private Server server;
    private ServerConnector connector;
    private final AtomicInteger sessionReads = new AtomicInteger();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeEach
    void start() throws Exception {
        jdbc = JdbcMetadataStore.open("jdbc:sqlite:" + dir.resolve("wharf.db"), null, null);
        blobs = new FilesystemBlobStore(dir);
        MetadataStore meta = counting(jdbc);
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new V2Handler(new BlobService(blobs, meta), new UploadService(blobs, meta,
                Clock.systemUTC()), new ManifestService(meta), new ContentDiscovery(meta), new ContentDeletion(meta),
                new OpenAuthenticator()));
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            server.stop();
        } finally {
            jdbc.close();
            blobs.close();
        }
    }

    /** {@code store}, counting the reads of upload sessions. */
    private MetadataStore counting(MetadataStore store) {
        return (MetadataStore) Proxy.newProxyInstance(MetadataStore.class.getClassLoader(),
                new Class<?>[]{MetadataStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("upload")) {
                        sessionReads.incrementAndGet();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void putWithContentRange_readsTheSessionOnce() throws Exception {
        String location = send(HttpRequest.newBuilder(uri("/v2/reads/app/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody())).headers().firstValue("Location").orElseThrow();
        assertThat(send(HttpRequest.newBuilder(uri(location)).header("Content-Range", "0-2")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("abc"))).statusCode()).isEqualTo(202);
        Digest digest = Digest.sha256("abcdef".getBytes(StandardCharsets.UTF_8));

        sessionReads.set(0);
        HttpResponse<String> put = send(HttpRequest.newBuilder(uri(location + "?digest=" + digest))
                .header("Content-Range", "3-5").PUT(HttpRequest.BodyPublishers.ofString("def")));
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(sessionReads).hasValue(1);
    }

    @Test
    void putWithContentRangeNotAtTheUploadsEnd_is416WithTheRange_andKeepsTheUpload() throws Exception {
        String location = send(HttpRequest.newBuilder(uri("/v2/reads/gap/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody())).headers().firstValue("Location").orElseThrow();
        send(HttpRequest.newBuilder(uri(location)).header("Content-Range", "0-2")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("abc")));
        Digest digest = Digest.sha256("abcdef".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> gap = send(HttpRequest.newBuilder(uri(location + "?digest=" + digest))
                .header("Content-Range", "5-7").PUT(HttpRequest.BodyPublishers.ofString("def")));
        assertThat(gap.statusCode()).isEqualTo(416);
        assertThat(gap.body()).contains("RANGE_INVALID");
        assertThat(gap.headers().firstValue("Range")).hasValue("0-2");
        HttpResponse<String> put = send(HttpRequest.newBuilder(uri(location + "?digest=" + digest))
                .header("Content-Range", "3-5").PUT(HttpRequest.BodyPublishers.ofString("def")));
        assertThat(put.statusCode()).isEqualTo(201);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
