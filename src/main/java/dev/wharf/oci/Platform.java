package dev.wharf.oci;

/** The platform of one entry of an image index. */
public record Platform(String os, String architecture, String variant) {
}
