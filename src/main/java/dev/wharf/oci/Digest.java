package dev.wharf.oci;

import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A validated content digest such as {@code sha256:9f86…}. Construct with {@link #parse} (client input) or
 * {@link #of} (computed); both guarantee a supported algorithm and a lowercase hex encoding of the right length,
 * so a digest can safely become a file name.
 */
public record Digest(DigestAlgorithm algorithm, String hex) implements Comparable<Digest> {

    public Digest {
        if (algorithm == null || hex == null || hex.length() != algorithm.hexLength() || !isLowerHex(hex)) {
            throw ErrorCode.DIGEST_INVALID.exception("invalid digest", hex);
        }
    }

    /** Parses client input; anything malformed or of an unsupported algorithm is {@code DIGEST_INVALID}. */
    public static Digest parse(String text) {
        if (text == null || text.length() > 200) {
            throw ErrorCode.DIGEST_INVALID.exception("invalid digest", text == null ? null : text.substring(0, 200));
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw ErrorCode.DIGEST_INVALID.exception("invalid digest format", text);
        }
        DigestAlgorithm algorithm = DigestAlgorithm.byPrefix(text.substring(0, colon));
        String hex = text.substring(colon + 1);
        if (algorithm == null) {
            throw ErrorCode.DIGEST_INVALID.exception("unsupported digest algorithm", text);
        }
        if (hex.length() != algorithm.hexLength() || !isLowerHex(hex)) {
            throw ErrorCode.DIGEST_INVALID.exception("invalid digest encoding", text);
        }
        return new Digest(algorithm, hex);
    }

    /** True when {@code text} has the shape {@code algorithm:encoded} (a digest, not a tag). */
    public static boolean looksLikeDigest(String text) {
        return text != null && text.indexOf(':') > 0;
    }

    public static Digest of(DigestAlgorithm algorithm, byte[] content) {
        return fromHash(algorithm, algorithm.newMessageDigest().digest(content));
    }

    public static Digest sha256(byte[] content) {
        return of(DigestAlgorithm.SHA256, content);
    }

    /** The digest of a finished hash. */
    public static Digest fromHash(DigestAlgorithm algorithm, byte[] hash) {
        return new Digest(algorithm, HexFormat.of().formatHex(hash));
    }

    public static Digest finish(DigestAlgorithm algorithm, MessageDigest md) {
        return fromHash(algorithm, md.digest());
    }

    private static boolean isLowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(Digest o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return algorithm.prefix() + ":" + hex;
    }
}
