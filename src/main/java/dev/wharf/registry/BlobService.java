package dev.wharf.registry;

import dev.wharf.meta.MetadataStore;
import dev.wharf.oci.Digest;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.OciException;
import dev.wharf.oci.RepositoryName;
import dev.wharf.storage.BlobSource;
import dev.wharf.storage.BlobStore;

import java.nio.channels.SeekableByteChannel;
import java.util.Map;

/** Reading and deleting blobs as a repository sees them: only blobs linked into it exist for it. */
public final class BlobService {
    private final BlobStore blobs;
    private final MetadataStore meta;

    public BlobService(BlobStore blobs, MetadataStore meta) {
        this.blobs = blobs;
        this.meta = meta;
    }

    /** Size of a blob linked into {@code repo}; BLOB_UNKNOWN otherwise. */
    public long size(RepositoryName repo, Digest digest) {
        return meta.linkedBlobSize(repo, digest).orElseThrow(() -> unknown(digest));
    }

    /** How to send the blob's bytes (a local file, a channel or a redirect); BLOB_UNKNOWN when they are gone. */
    public BlobSource serve(Digest digest) {
        return UploadService.io(() -> blobs.serve(digest));
    }

    public SeekableByteChannel open(Digest digest) {
        return UploadService.io(() -> blobs.open(digest));
    }

    /** Unlinks the blob from {@code repo}; its bytes stay until garbage collection finds them unreferenced. */
    public void delete(RepositoryName repo, Digest digest) {
        if (!meta.unlinkBlob(repo, digest)) {
            throw unknown(digest);
        }
    }

    private static OciException unknown(Digest digest) {
        return ErrorCode.BLOB_UNKNOWN.exception("blob unknown to registry", Map.of("digest", digest.toString()));
    }
}
