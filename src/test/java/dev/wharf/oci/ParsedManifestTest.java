package dev.wharf.oci;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ParsedManifestTest {
    private static final Digest A = Digest.parse(ManifestSamples.A);
    private static final Digest B = Digest.parse(ManifestSamples.B);
    private static final Digest C = Digest.parse(ManifestSamples.C);

    @Test
    void requiredBlobs_layerWithUrls_isStillRequired() {
        var withUrls = new Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", B, 5, null, Map.of(), null,
                List.of("https://example.com/blob"));
        var foreign = new Descriptor("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip", C, 5, null,
                Map.of(), null, List.of("https://example.com/foreign"));
        var m = new ParsedManifest(MediaTypes.OCI_MANIFEST, Descriptor.of(MediaTypes.OCI_CONFIG, A, 1),
                List.of(withUrls, foreign), null, null, MediaTypes.OCI_CONFIG, null);

        assertThat(m.requiredBlobs()).containsExactly(A, B);
    }

    @Test
    void constructor_nullCollections_becomeEmpty() {
        var index = new ParsedManifest(MediaTypes.OCI_INDEX, null, null, List.of(Descriptor.of(MediaTypes.OCI_MANIFEST,
                A, 1)), null, null, null);

        assertThat(index.isIndex()).isTrue();
        assertThat(index.layers()).isEmpty();
        assertThat(index.annotations()).isEmpty();
        assertThat(index.requiredBlobs()).isEmpty();
        assertThat(index.requiredManifests()).containsExactly(A);
    }
}
