package dev.wharf.http.v2;

import dev.wharf.http.auth.OpenAuthenticator;
import dev.wharf.meta.JdbcMetadataStore;
import dev.wharf.oci.Digest;
import dev.wharf.content.BlobService;
import dev.wharf.content.ContentDiscovery;
import dev.wharf.content.ManifestService;
import dev.wharf.content.UploadService;
import dev.wharf.storage.BlobSource;
import dev.wharf.storage.BlobStore;
import dev.wharf.storage.UploadStaging;
import dev.wharf.storage.fs.FilesystemBlobStore;
import dev.wharf.testing.RegistryClient;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each way a store may offer a blob ({@link BlobSource}) becomes the right answer to a pull: a store that streams
 * (no local file) serves the whole blob and ranges; a store that redirects (S3 presigned URLs) answers 307 with the
 * URL in {@code Location}, while HEAD still answers from the metadata.
 */
class BlobSourceServingTest {
    @TempDir
    Path dir;
    private JdbcMetadataStore meta;
    private FilesystemBlobStore files;
    private Server server;
    private RegistryClient client;
    private volatile Offer offer = Offer.STREAM;

    enum Offer { STREAM, REDIRECT }

    @BeforeEach
    void start() throws Exception {
        meta = JdbcMetadataStore.open("jdbc:sqlite:" + dir.resolve("wharf.db"), null, null);
        files = new FilesystemBlobStore(dir.resolve("blobs"));
        BlobStore store = new OfferingStore(files);
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new V2Handler(new BlobService(store, meta), new UploadService(store, meta, Clock.systemUTC()),
                new ManifestService(meta), new ContentDiscovery(meta), new dev.wharf.content.ContentDeletion(meta),
                new OpenAuthenticator()));
        server.start();
        client = new RegistryClient(URI.create("http://127.0.0.1:" + connector.getLocalPort()));
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        meta.close();
        files.close();
    }

    @Test
    void streamingStore_servesWholeBlobAndRanges() {
        byte[] content = "bytes from a channel, not a file".getBytes(StandardCharsets.UTF_8);
        Digest digest = client.pushBlob("team/app", content);
        offer = Offer.STREAM;

        HttpResponse<byte[]> whole = client.get("/v2/team/app/blobs/" + digest);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(content);

        HttpResponse<byte[]> range = client.send(client.request("/v2/team/app/blobs/" + digest)
                .header("Range", "bytes=6-9").GET().build());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(content, 6, 10));
    }

    @Test
    void redirectingStore_answers307WithTheUrl_headStillAnswersItself() {
        byte[] content = "bytes somewhere else".getBytes(StandardCharsets.UTF_8);
        Digest digest = client.pushBlob("team/app", content);
        offer = Offer.REDIRECT;

        HttpResponse<byte[]> get = client.get("/v2/team/app/blobs/" + digest);
        assertThat(get.statusCode()).isEqualTo(307);
        assertThat(get.headers().firstValue("Location")).hasValue("https://objects.example/" + digest.hex() + "?sig=x");
        assertThat(get.headers().firstValue("Docker-Content-Digest")).hasValue(digest.toString());
        assertThat(get.body()).isEmpty();

        HttpResponse<byte[]> head = client.head("/v2/team/app/blobs/" + digest);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(content.length));
    }

    /** The filesystem store's bytes, offered the way the test asks instead of as a local file. */
    private final class OfferingStore implements BlobStore {
        private final FilesystemBlobStore inner;

        OfferingStore(FilesystemBlobStore inner) {
            this.inner = inner;
        }

        @Override
        public BlobSource serve(Digest digest) throws IOException {
            BlobSource.LocalFile file = (BlobSource.LocalFile) inner.serve(digest);
            return switch (offer) {
                case STREAM -> new BlobSource.Stream(inner.open(digest), file.size());
                case REDIRECT -> new BlobSource.Redirect(URI.create("https://objects.example/" + digest.hex() + "?sig=x"));
            };
        }

        @Override
        public Optional<Long> size(Digest digest) throws IOException {
            return inner.size(digest);
        }

        @Override
        public SeekableByteChannel open(Digest digest) throws IOException {
            return inner.open(digest);
        }

        @Override
        public boolean delete(Digest digest) throws IOException {
            return inner.delete(digest);
        }

        @Override
        public Optional<SetAside> setAsideIfOlder(Digest digest, Instant cutoff) throws IOException {
            return inner.setAsideIfOlder(digest, cutoff);
        }

        @Override
        public void forEach(Consumer<StoredBlob> sink) throws IOException {
            inner.forEach(sink);
        }

        @Override
        public UploadStaging uploads() {
            return inner.uploads();
        }

        @Override
        public void check() throws IOException {
            inner.check();
        }
    }
}
