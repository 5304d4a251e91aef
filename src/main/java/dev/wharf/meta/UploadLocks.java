package dev.wharf.meta;

/**
 * Serializes the work on one upload session (an append, the completion, a cancel): while one holder writes an
 * upload's bytes no other may, on this node or, with a shared implementation, on any node. Without it two requests
 * could both find an upload at offset N and both write there, and both be acknowledged.
 *
 * <p>Locks are per upload id and not reentrant: hold one at a time per thread. Different ids may share a lock
 * (striping, hashing), which only costs waiting, never correctness.
 */
public interface UploadLocks extends AutoCloseable {

    /** Waits until no one else holds {@code uploadId}'s lock, then holds it until {@link Held#close}. */
    Held hold(String uploadId);

    /** A held lock; closing releases it. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Locks in this JVM only: enough while one node serves (SQLite, or a single node on PostgreSQL). */
    static UploadLocks inProcess() {
        return new InProcessUploadLocks(256);
    }

    @Override
    default void close() {
    }
}
