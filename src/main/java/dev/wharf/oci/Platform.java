package dev.wharf.oci;

/** The platform of one entry of an image index, or the one an image configuration states. Parts may be null. */
public record Platform(String os, String architecture, String variant) {

    /** {@code os/architecture[/variant]}, as docker prints a platform; a missing os or architecture shows as {@code ?}. */
    public String display() {
        String s = (os == null ? "?" : os) + "/" + (architecture == null ? "?" : architecture);
        return variant == null || variant.isEmpty() ? s : s + "/" + variant;
    }
}
