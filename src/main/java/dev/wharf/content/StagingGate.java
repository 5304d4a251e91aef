package dev.wharf.content;

import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.OciException;
import dev.wharf.oci.RepositoryName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The limits one write into an upload stays within: its registry's free quota (when a quota refuses beyond it) and
 * the instance-wide cap, both less what unfinished uploads already stage. A declared length is checked before any
 * byte is read; a body is {@linkplain #meter metered}, so a body without {@code Content-Length} is refused with
 * {@code DENIED} at the read that would pass a limit, never after the whole body. The registry's usage is read once
 * per write; {@link QuotaRule} decides and words the refusal, as it does, exactly, in the transaction that links
 * the blob.
 */
final class StagingGate {
    private static final Logger log = LoggerFactory.getLogger(StagingGate.class);
    private final StagedBytes staged;
    private final String registry;
    private final StorageRoom room;
    private final StagedBytes.RegistryRoom fits;

    /** {@code room}: null when no quota applies to {@code repo} (only the instance cap does). */
    StagingGate(StagedBytes staged, RepositoryName repo, StorageRoom room) {
        this.staged = staged;
        this.registry = StagedBytes.registryOf(repo);
        this.room = room;
        this.fits = room == null ? StagedBytes.RegistryRoom.UNLIMITED
                : (inUploads, adding) -> QuotaRule.INSTANCE.stagedFits(room, inUploads, adding);
    }

    /** Refuses a declared length that would pass a limit, before its bytes are read. */
    void refuseDeclared(long bytes) {
        if (bytes > 0) {
            refuseIf(staged.check(registry, bytes, fits), bytes);
        }
    }

    /** {@code body}, reserving for upload {@code uploadId} every byte read from it. */
    InputStream meter(String uploadId, InputStream body) {
        return new Metered(uploadId, body);
    }

    private void refuseIf(StagedBytes.Passes passes, long adding) {
        switch (passes) {
            case NOTHING -> {
            }
            case REGISTRY_QUOTA -> throw quotaExceeded(adding);
            case INSTANCE_CAP -> throw capExceeded(adding);
        }
    }

    private OciException quotaExceeded(long adding) {
        return QuotaRule.INSTANCE.stagedExceeded(room, staged.inRegistry(registry), adding);
    }

    private OciException capExceeded(long adding) {
        log.info("refused {} more bytes into an upload: unfinished uploads hold {} of at most {} bytes", adding,
                staged.total(), staged.cap());
        return ErrorCode.DENIED.exception(QuotaMessages.stagedCap(staged.cap()), Map.of("limit_bytes", staged.cap()));
    }

    /** Reserves what each read returns; this request's total so far goes into the refusal. */
    private final class Metered extends InputStream {
        private final String uploadId;
        private final InputStream body;
        private long read;

        Metered(String uploadId, InputStream body) {
            this.uploadId = uploadId;
            this.body = body;
        }

        @Override
        public int read() throws IOException {
            int b = body.read();
            if (b >= 0) {
                admit(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = body.read(buf, off, len);
            if (n > 0) {
                admit(n);
            }
            return n;
        }

        private void admit(int n) {
            read += n;
            refuseIf(staged.reserve(uploadId, registry, n, fits), read);
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
