package dev.wharf.content.inspect;

import dev.wharf.meta.JdbcMetadataStore;
import dev.wharf.oci.Digest;
import dev.wharf.oci.ImageConfig;
import dev.wharf.oci.Reference;
import dev.wharf.oci.RepositoryName;
import dev.wharf.content.BlobService;
import dev.wharf.content.ContentDiscovery;
import dev.wharf.content.ManifestService;
import dev.wharf.content.UploadService;
import dev.wharf.storage.fs.FilesystemBlobStore;
import dev.wharf.testing.Manifests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The inspector as a service, on the real filesystem blob store and SQLite metadata, without HTTP. */
class ImageInspectorTest {
    private static final RepositoryName REPO = RepositoryName.parse("team/app");
    @TempDir
    Path root;
    private JdbcMetadataStore meta;
    private UploadService uploads;
    private ManifestService manifests;
    private ImageInspector inspector;

    @BeforeEach
    void start() throws Exception {
        FilesystemBlobStore blobs = new FilesystemBlobStore(root);
        meta = JdbcMetadataStore.open("jdbc:sqlite:" + root.resolve("wharf.db"), null, null);
        uploads = new UploadService(blobs, meta, Clock.systemUTC());
        manifests = new ManifestService(meta);
        inspector = new ImageInspector(meta, manifests, new BlobService(blobs, meta), new ContentDiscovery(meta));
    }

    @AfterEach
    void stop() {
        meta.close();
    }

    private Digest blob(String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Digest d = Digest.sha256(bytes);
        uploads.monolithic(REPO, d, new ByteArrayInputStream(bytes), bytes.length);
        return d;
    }

    private byte[] image(String tag, String config, String layer) {
        Digest c = blob(config);
        Digest l = blob(layer);
        byte[] m = Manifests.ociManifest(c, config.length(), l, layer.length());
        manifests.put(REPO, Reference.parse(tag), m, Manifests.OCI_MANIFEST, dev.wharf.events.Origin.SYSTEM);
        return m;
    }

    @Test
    void tags_ofAnIndex_sumItsChildren_listTheirPlatforms_andTakeTheNewestCreated() {
        String amd = "{\"created\":\"2024-01-01T00:00:00Z\",\"os\":\"linux\",\"architecture\":\"amd64\"}";
        String arm = "{\"created\":\"2024-02-01T00:00:00Z\",\"os\":\"linux\",\"architecture\":\"arm64\"}";
        byte[] a = image("amd", amd, "amd layer");
        byte[] b = image("arm", arm, "arm layer!");
        byte[] index = Manifests.index(Manifests.OCI_INDEX, a, b);
        manifests.put(REPO, Reference.parse("multi"), index, Manifests.OCI_INDEX,
                dev.wharf.events.Origin.SYSTEM);

        List<ImageInspector.TagRow> rows = inspector.tags(REPO, "arm", 10);

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.tag()).isEqualTo("multi");
            assertThat(r.platforms()).as("the index entries' platforms").containsExactly("linux/arch0", "linux/arch1");
            assertThat(r.size()).isEqualTo(index.length + a.length + amd.length() + 9 + b.length + arm.length() + 10);
            assertThat(r.created()).isEqualTo(Instant.parse("2024-02-01T00:00:00Z"));
            assertThat(r.layers()).isNull();
        });
    }

    @Test
    void details_ofAnImage_carryItsParsedConfig_andOfAnUnreadableConfig_none() {
        image("good", "{\"os\":\"linux\",\"architecture\":\"amd64\",\"config\":{\"Labels\":{\"k\":\"v\"}}}", "l1");
        image("bad", "this is not json", "l2");

        ImageInspector.Details good = inspector.details(REPO, Reference.parse("good"));
        assertThat(good.config().labels()).containsEntry("k", "v");
        assertThat(good.config().platform()).map(p -> p.display()).contains("linux/amd64");
        assertThat(good.layers()).singleElement().satisfies(l -> assertThat(l.size()).isEqualTo(2));

        ImageInspector.Details bad = inspector.details(REPO, Reference.parse("bad"));
        assertThat(bad.config()).isEqualTo(ImageConfig.NONE);
        assertThat(bad.configDigest()).isEqualTo(Digest.sha256("this is not json".getBytes(StandardCharsets.UTF_8))
                .toString());
    }
}
