package dev.wharf.meta;

import dev.wharf.oci.Digest;
import dev.wharf.oci.RepositoryName;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Upload sessions, kept in the database so any node can continue an upload. */
public interface UploadSessionStore {

    void createUpload(UploadSession session);

    Optional<UploadSession> upload(String uploadId);

    /** Records progress of an upload (size and last-activity time). */
    void touchUpload(String uploadId, long size, Instant updatedAt);

    boolean deleteUpload(String uploadId);

    /**
     * Ends upload {@code uploadId} whose blob was committed and links that blob into {@code repo}, with {@code
     * quota}'s decision, in one transaction (one commit per pushed blob).
     */
    void completeUpload(String uploadId, RepositoryName repo, Digest digest, long size, LinkQuota quota);

    /** Upload sessions with no activity since {@code cutoff}. */
    List<UploadSession> uploadsIdleSince(Instant cutoff);

    /** Every upload session (to recount staged bytes at start). */
    default List<UploadSession> uploads() {
        return uploadsIdleSince(Instant.ofEpochMilli(Long.MAX_VALUE));
    }
}
