package dev.wharf.meta;

import dev.wharf.oci.RepositoryName;

import java.time.Instant;

/** An upload in progress: kept in the database so any node can continue it and stale ones can be expired. */
public record UploadSession(String id, RepositoryName repository, long size, Instant startedAt, Instant updatedAt) {
}
