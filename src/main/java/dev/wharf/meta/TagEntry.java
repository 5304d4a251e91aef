package dev.wharf.meta;

import dev.wharf.oci.Digest;

import java.time.Instant;

/** A tag with the manifest it points at and when it was last pointed there. */
public record TagEntry(String name, Digest digest, Instant pushedAt) {
}
