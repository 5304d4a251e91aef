package dev.wharf.meta;

import java.time.Instant;

/**
 * A repository as overviews show it: its tag and manifest counts, the bytes it holds (linked blobs plus manifest
 * payloads; a blob shared with another repository counts in both) and its last push ({@code null} when unknown).
 */
public record RepositorySummary(String name, long tagCount, long manifestCount, long storedBytes, Instant lastPush) {
}
