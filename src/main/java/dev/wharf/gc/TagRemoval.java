package dev.wharf.gc;

import dev.wharf.oci.RepositoryName;

import java.time.Instant;

/** One tag the retention policies remove (or, in a plan, would remove). */
public record TagRemoval(RepositoryName repository, String tag, String digest, Instant pushedAt) {
}
