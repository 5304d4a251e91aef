package dev.wharf.meta;

import dev.wharf.oci.Digest;

/**
 * The caller's rule for moving an existing tag to another manifest, asked inside the write transaction with the
 * tag's row locked, so concurrent pushes of one tag are decided one after the other. It throws to refuse; the whole
 * push is then rolled back.
 */
@FunctionalInterface
public interface TagMove {
    TagMove ANY = (current, next) -> { };

    void check(Digest current, Digest next);
}
