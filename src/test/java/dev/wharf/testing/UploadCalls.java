package dev.wharf.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Chunked-upload steps over HTTP for tests, and what staging holds on disk. */
public final class UploadCalls {
    private final RegistryClient client;

    public UploadCalls(RegistryClient client) {
        this.client = client;
    }

    /** Opens an upload session; returns its location. */
    public String start(String repo) {
        HttpResponse<byte[]> r = client.send(client.request("/v2/" + repo + "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        if (r.statusCode() != 202) {
            throw new AssertionError("upload start failed: " + r.statusCode() + " " + RegistryClient.text(r));
        }
        return r.headers().firstValue("Location").orElseThrow();
    }

    /** A PATCH whose body is streamed without Content-Length (chunked). */
    public HttpResponse<byte[]> patchStreaming(String location, Supplier<InputStream> body) {
        return client.send(client.request(location).header("Content-Type", "application/octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(body)).build());
    }

    public HttpResponse<byte[]> patchStreaming(String location, byte[] body) {
        return patchStreaming(location, () -> new ByteArrayInputStream(body));
    }

    /** A PATCH with Content-Length. */
    public HttpResponse<byte[]> patchDeclared(String location, byte[] body) {
        return client.send(client.request(location).header("Content-Type", "application/octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** Completes an upload with no last chunk. */
    public HttpResponse<byte[]> complete(String location, dev.wharf.oci.Digest digest) {
        String sep = location.contains("?") ? "&" : "?";
        return client.send(client.request(location + sep + "digest=" + digest)
                .PUT(HttpRequest.BodyPublishers.noBody()).build());
    }

    public HttpResponse<byte[]> cancel(String location) {
        return client.delete(location);
    }

    /** Bytes in the staged uploads under a server's storage root. */
    public static long stagedOnDisk(Path root) {
        Path uploads = root.resolve("uploads");
        if (!Files.exists(uploads)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(uploads)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0; // removed meanwhile
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code n} bytes of a pattern that depends on {@code seed}. */
    public static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    /** An endless-looking body of {@code total} zero bytes that counts how many were taken from it. */
    public static final class CountingBody extends InputStream {
        private final long total;
        private long given;

        public CountingBody(long total) {
            this.total = total;
        }

        public synchronized long given() {
            return given;
        }

        @Override
        public synchronized int read() {
            if (given >= total) {
                return -1;
            }
            given++;
            return 0;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            if (given >= total) {
                return -1;
            }
            int n = (int) Math.min(len, total - given);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            given += n;
            return n;
        }
    }
}
