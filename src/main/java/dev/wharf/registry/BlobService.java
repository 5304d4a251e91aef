package dev.wharf.registry;

import dev.wharf.meta.BlobLinkStore;
import dev.wharf.oci.Digest;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.OciException;
import dev.wharf.oci.RepositoryName;
import dev.wharf.storage.BlobStore;

import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Reading and deleting blobs as a repository sees them: only blobs linked into it exist for it. */
public final class BlobService {
    private final BlobStore blobs;
    private final BlobLinkStore meta;

    public BlobService(BlobStore blobs, BlobLinkStore meta) {
        this.blobs = blobs;
        this.meta = meta;
    }

    /** Size of a blob linked into {@code repo}; BLOB_UNKNOWN otherwise. */
    public long size(RepositoryName repo, Digest digest) {
        return meta.linkedBlobSize(repo, digest).orElseThrow(() -> unknown(digest));
    }

    /** The blob's local file, when the store has one (zero-copy serving). */
    public Optional<Path> localFile(Digest digest) {
        return blobs.localFile(digest);
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
