import dev.wharf.config.WharfConfig;
import dev.wharf.gc.GcControl;
import dev.wharf.gc.GcModule;
import dev.wharf.gc.GcService;
import dev.wharf.meta.JdbcMetadataStore;
import dev.wharf.oci.Digest;
import dev.wharf.storage.fs.FilesystemBlobStore;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;

/**
 * Garbage collection benchmark driver (run with the JDK's single-file launcher, see run.sh).
 *
 * <pre>
 * seed &lt;wharf-root&gt; &lt;distribution-root&gt; &lt;manifests&gt; &lt;garbage-percent&gt;
 *     writes the same content for Wharf (SQLite metadata + blob files) and for CNCF Distribution (its filesystem
 *     layout): manifests in 100 repositories, each an OCI image of one config and 9 layers, all blobs distinct
 *     (so manifests x 10 blobs); garbage-percent of the manifests are untagged, their blobs referenced by nothing
 *     else. Everything is dated two hours back, past the default one-hour grace period.
 * gc &lt;wharf-root&gt; [dry]
 *     one whole-instance unreferenced_blobs_and_manifests run, executed in this process; prints the counters.
 * </pre>
 */
public final class GcBench {
    private static final int REPOSITORIES = 100;
    private static final int LAYERS = 9;
    private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "seed" -> seed(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
            case "gc" -> gc(Path.of(args[1]), args.length > 2 && args[2].equals("dry"));
            default -> throw new IllegalArgumentException("seed | gc");
        }
    }

    private static void gc(Path root, boolean dry) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.wharf.gc.Collector"))
                .setLevel(ch.qos.logback.classic.Level.DEBUG); // per-step durations
        long start = System.nanoTime();
        try (JdbcMetadataStore meta = JdbcMetadataStore.open("jdbc:sqlite:" + root.resolve("wharf.db"), null, null)) {
            GcService gc = GcModule.offline(WharfConfig.Gc.defaults(), new FilesystemBlobStore(root), meta).control();
            GcControl.Run run = gc.start(null, GcControl.Type.UNREFERENCED_BLOBS_AND_MANIFESTS, dry);
            long collect = System.nanoTime();
            gc.runNext();
            long done = System.nanoTime();
            run = gc.get(run.uuid()).orElseThrow();
            System.out.printf("wharf gc: status=%s manifests_deleted=%d blobs_deleted=%d freed_bytes=%d"
                            + " collection=%.2f s (with opening the database: %.2f s)%n", run.status().wireName(),
                    run.manifestsDeleted(), run.blobsDeleted(), run.freedBytes(), (done - collect) / 1e9,
                    (done - start) / 1e9);
        }
    }

    private static void seed(Path wharf, Path dist, int manifests, int garbagePercent) throws Exception {
        Files.createDirectories(wharf);
        JdbcMetadataStore.open("jdbc:sqlite:" + wharf.resolve("wharf.db"), null, null).close(); // migrate
        long past = Instant.now().minus(Duration.ofHours(2)).toEpochMilli();
        FileTime pastTime = FileTime.fromMillis(past);
        Path distV2 = dist.resolve("docker/registry/v2");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + wharf.resolve("wharf.db"))) {
            c.setAutoCommit(false);
            PreparedStatement repo = c.prepareStatement("INSERT INTO repositories (id, name, created_at) VALUES (?, ?, ?)");
            PreparedStatement blob = c.prepareStatement("INSERT INTO blobs (digest, size, created_at) VALUES (?, ?, ?)");
            PreparedStatement link = c.prepareStatement(
                    "INSERT INTO repository_blobs (repository_id, digest, created_at) VALUES (?, ?, ?)");
            PreparedStatement man = c.prepareStatement("INSERT INTO manifests (id, repository_id, digest, media_type,"
                    + " payload, size, config_digest, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            PreparedStatement ref = c.prepareStatement("INSERT INTO manifest_references (manifest_id, kind, ordinal,"
                    + " repository_id, ref_digest) VALUES (?, 'blob', ?, ?, ?)");
            PreparedStatement tag = c.prepareStatement("INSERT INTO tags (repository_id, name, manifest_id, created_at,"
                    + " updated_at) VALUES (?, ?, ?, ?, ?)");
            for (int r = 1; r <= REPOSITORIES; r++) {
                repo.setLong(1, r);
                repo.setString(2, "bench/r" + r);
                repo.setLong(3, past);
                repo.addBatch();
            }
            repo.executeBatch();
            for (int m = 1; m <= manifests; m++) {
                int r = 1 + m % REPOSITORIES;
                String repoName = "bench/r" + r;
                Digest[] blobs = new Digest[LAYERS + 1];
                StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\",");
                for (int b = 0; b <= LAYERS; b++) {
                    byte[] content = ("blob " + m + "/" + b + " " + "x".repeat(64)).getBytes(StandardCharsets.UTF_8);
                    blobs[b] = Digest.sha256(content);
                    writeWharfBlob(wharf, blobs[b], content, pastTime);
                    writeDistBlob(distV2, blobs[b], content);
                    writeLink(distV2.resolve("repositories/" + repoName + "/_layers/sha256/" + blobs[b].hex()),
                            blobs[b]);
                    String desc = "{\"mediaType\":\"" + (b == 0 ? "application/vnd.oci.image.config.v1+json"
                            : "application/vnd.oci.image.layer.v1.tar") + "\",\"digest\":\"" + blobs[b]
                            + "\",\"size\":" + content.length + "}";
                    json.append(b == 0 ? "\"config\":" + desc + ",\"layers\":[" : (b == 1 ? "" : ",") + desc);
                    blob.setString(1, blobs[b].toString());
                    blob.setLong(2, content.length);
                    blob.setLong(3, past);
                    blob.addBatch();
                    link.setLong(1, r);
                    link.setString(2, blobs[b].toString());
                    link.setLong(3, past);
                    link.addBatch();
                    ref.setLong(1, m);
                    ref.setInt(2, b);
                    ref.setLong(3, r);
                    ref.setString(4, blobs[b].toString());
                    ref.addBatch();
                }
                byte[] payload = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
                Digest digest = Digest.sha256(payload);
                man.setLong(1, m);
                man.setLong(2, r);
                man.setString(3, digest.toString());
                man.setString(4, MANIFEST);
                man.setBytes(5, payload);
                man.setLong(6, payload.length);
                man.setString(7, blobs[0].toString());
                man.setLong(8, past);
                man.addBatch();
                writeDistBlob(distV2, digest, payload);
                Path manifestsDir = distV2.resolve("repositories/" + repoName + "/_manifests");
                writeLink(manifestsDir.resolve("revisions/sha256/" + digest.hex()), digest);
                boolean garbage = (m / REPOSITORIES) % 10 * 10 < garbagePercent; // spread over every repository
                if (!garbage) {
                    tag.setLong(1, r);
                    tag.setString(2, "t" + m);
                    tag.setLong(3, m);
                    tag.setLong(4, past);
                    tag.setLong(5, past);
                    tag.addBatch();
                    writeLink(manifestsDir.resolve("tags/t" + m + "/current"), digest);
                    writeLink(manifestsDir.resolve("tags/t" + m + "/index/sha256/" + digest.hex()), digest);
                }
                if (m % 1000 == 0) {
                    blob.executeBatch();
                    man.executeBatch();
                    link.executeBatch();
                    ref.executeBatch();
                    tag.executeBatch();
                }
            }
            blob.executeBatch();
            man.executeBatch();
            link.executeBatch();
            ref.executeBatch();
            tag.executeBatch();
            c.commit();
        }
        System.out.printf("seeded %d manifests (%d%% untagged) and %d blobs%n", manifests, garbagePercent,
                manifests * (LAYERS + 1));
    }

    private static void writeWharfBlob(Path root, Digest d, byte[] content, FileTime time) throws Exception {
        Path p = root.resolve("blobs/sha256/" + d.hex().substring(0, 2) + "/" + d.hex());
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        Files.setLastModifiedTime(p, time);
    }

    private static void writeDistBlob(Path v2, Digest d, byte[] content) throws Exception {
        Path p = v2.resolve("blobs/sha256/" + d.hex().substring(0, 2) + "/" + d.hex() + "/data");
        Files.createDirectories(p.getParent());
        Files.write(p, content);
    }

    private static void writeLink(Path dir, Digest d) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("link"), d.toString());
    }
}
