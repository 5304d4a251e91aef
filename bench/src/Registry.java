import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The Distribution API calls the workloads make, on one connection. Any unexpected status is an error. */
final class Registry implements AutoCloseable {
    static final String MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json";
    static final String ACCEPT = MANIFEST_TYPE + ", application/vnd.oci.image.manifest.v1+json";

    final HttpConn conn;

    Registry(Target target) {
        this.conn = new HttpConn(target.host(), target.port());
    }

    /** A blob upload the way docker and containerd do it: POST for a session, then PUT with the whole body. */
    void pushBlob(String repo, Payload blob) throws IOException {
        String location = startUpload(repo);
        expect(conn.request("PUT", withDigest(location, blob.digest), blob, true,
                "Content-Type", "application/octet-stream"), 201, "PUT blob");
    }

    /** HEAD first (as clients do to skip existing layers), then {@link #pushBlob} when it is missing. */
    void pushBlobIfMissing(String repo, Payload blob) throws IOException {
        HttpConn.Resp head = conn.request("HEAD", "/v2/" + repo + "/blobs/" + blob.digest, null, true);
        if (head.status() == 404) {
            pushBlob(repo, blob);
        } else {
            expect(head, 200, "HEAD blob");
        }
    }

    /** POST, then one PATCH per chunk with Content-Range, then an empty PUT with the digest. */
    void pushChunked(String repo, Payload blob, long chunk) throws IOException {
        String location = startUpload(repo);
        for (long from = 0; from < blob.length(); from += chunk) {
            long to = Math.min(blob.length(), from + chunk);
            HttpConn.Resp r = expect(conn.request("PATCH", location, blob.range(from, to), true,
                    "Content-Type", "application/octet-stream", "Content-Range", from + "-" + (to - 1)), 202, "PATCH");
            location = path(r.header("Location"));
        }
        expect(conn.request("PUT", withDigest(location, blob.digest), null, true), 201, "PUT final");
    }

    void mount(String repo, String from, String digest) throws IOException {
        expect(conn.request("POST", "/v2/" + repo + "/blobs/uploads/?mount=" + digest + "&from=" + from, null, true),
                201, "mount");
    }

    void putManifest(String repo, String tag, byte[] manifest) throws IOException {
        expect(conn.request("PUT", "/v2/" + repo + "/manifests/" + tag, HttpConn.bytes(manifest), true,
                "Content-Type", MANIFEST_TYPE), 201, "PUT manifest");
    }

    /** Downloads a blob, discarding it; returns its length. */
    long pull(String path) throws IOException {
        HttpConn.Resp r = expect(conn.request("GET", path, null, false), 200, "GET blob");
        return r.bodyLength();
    }

    private String startUpload(String repo) throws IOException {
        HttpConn.Resp r = expect(conn.request("POST", "/v2/" + repo + "/blobs/uploads/", null, true), 202, "POST upload");
        return path(r.header("Location"));
    }

    static byte[] manifest(Payload config, Payload... layers) {
        StringBuilder sb = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST_TYPE + "\",")
                .append("\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":")
                .append(config.length()).append(",\"digest\":\"").append(config.digest).append("\"},\"layers\":[");
        for (int i = 0; i < layers.length; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",")
                    .append("\"size\":").append(layers[i].length()).append(",\"digest\":\"").append(layers[i].digest)
                    .append("\"}");
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    static HttpConn.Resp expect(HttpConn.Resp r, int status, String what) throws IOException {
        if (r.status() != status) {
            throw new IOException(what + ": HTTP " + r.status() + " (wanted " + status + ") " + r.text());
        }
        return r;
    }

    /** Location headers may be absolute (Distribution) or a path (Wharf); we always talk to the same server. */
    static String path(String location) {
        if (location.startsWith("http://") || location.startsWith("https://")) {
            int slash = location.indexOf('/', location.indexOf("//") + 2);
            return location.substring(slash);
        }
        return location;
    }

    static String withDigest(String location, String digest) {
        return location + (location.contains("?") ? "&" : "?") + "digest=" + digest;
    }

    @Override
    public void close() {
        conn.close();
    }
}
