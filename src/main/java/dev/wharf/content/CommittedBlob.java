package dev.wharf.content;

import dev.wharf.oci.Digest;

/** A blob that is durable, verified and linked into the repository it was pushed to. */
public record CommittedBlob(Digest digest, long size) {
}
