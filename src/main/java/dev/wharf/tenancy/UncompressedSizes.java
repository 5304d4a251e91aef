package dev.wharf.tenancy;

import dev.wharf.meta.UncompressedSizeStore;
import dev.wharf.oci.Digest;
import dev.wharf.oci.UncompressedSize;
import dev.wharf.storage.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records blobs' uncompressed sizes the first time a listing shows them: reads a blob's first and last bytes once
 * ({@link UncompressedSize}) and stores the result, the stored size when its bytes do not say it exactly. Lazily,
 * not at upload: pushes stay as fast as before, blobs stored before the column existed get it the same way, and
 * only blobs someone lists are read.
 */
public final class UncompressedSizes {
    private static final Logger log = LoggerFactory.getLogger(UncompressedSizes.class);

    private final UncompressedSizeStore store;
    private final BlobStore blobs;

    public UncompressedSizes(UncompressedSizeStore store, BlobStore blobs) {
        this.store = store;
        this.blobs = blobs;
    }

    /** Records the sizes of the blobs of {@code manifests} not yet sized; true when it recorded any. */
    boolean fill(dev.wharf.oci.RepositoryName repo, List<String> manifests) {
        if (manifests.isEmpty()) {
            return false;
        }
        Map<String, Long> sizes = new HashMap<>();
        for (UncompressedSizeStore.UnsizedBlob b : store.unsizedBlobs(repo, manifests)) {
            try {
                sizes.put(b.digest(), measure(Digest.parse(b.digest()), b.size()));
            } catch (IOException e) {
                // gone meanwhile (garbage collection) or unreadable: the listing shows the compressed size
                log.debug("cannot read blob {} to size it: {}", b.digest(), e.toString());
            }
        }
        store.recordUncompressedSizes(sizes);
        return !sizes.isEmpty();
    }

    private long measure(Digest digest, long size) throws IOException {
        try (SeekableByteChannel in = blobs.open(digest)) {
            byte[] head = read(in, 0, (int) Math.min(size, UncompressedSize.HEAD));
            int tailLength = (int) Math.min(size, UncompressedSize.TAIL);
            byte[] tail = read(in, size - tailLength, tailLength);
            return UncompressedSize.of(size, head, tail).orElse(size);
        }
    }

    private static byte[] read(SeekableByteChannel in, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        in.position(position);
        while (buf.hasRemaining()) {
            if (in.read(buf) < 0) {
                throw new IOException("blob shorter than recorded");
            }
        }
        return buf.array();
    }
}
