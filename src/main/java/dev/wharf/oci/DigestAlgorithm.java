package dev.wharf.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The digest algorithms the OCI image spec registers, with their encoded lengths. */
public enum DigestAlgorithm {
    SHA256("sha256", "SHA-256", 64),
    SHA512("sha512", "SHA-512", 128);

    private final String prefix;
    private final String jcaName;
    private final int hexLength;

    DigestAlgorithm(String prefix, String jcaName, int hexLength) {
        this.prefix = prefix;
        this.jcaName = jcaName;
        this.hexLength = hexLength;
    }

    /** The name used in digest strings, e.g. {@code sha256}. */
    public String prefix() {
        return prefix;
    }

    public int hexLength() {
        return hexLength;
    }

    public MessageDigest newMessageDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + jcaName, e);
        }
    }

    /** The algorithm named by {@code prefix}, or null when it is not one Wharf supports. */
    public static DigestAlgorithm byPrefix(String prefix) {
        for (DigestAlgorithm a : values()) {
            if (a.prefix.equals(prefix)) {
                return a;
            }
        }
        return null;
    }
}
