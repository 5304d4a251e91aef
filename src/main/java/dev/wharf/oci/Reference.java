package dev.wharf.oci;

/** What a manifest URL names: a tag or a digest. */
public sealed interface Reference {

    /** A tag: {@code [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}}. */
    record Tag(String name) implements Reference {
        public Tag {
            if (!isValidTag(name)) {
                throw ErrorCode.TAG_INVALID.exception("invalid tag", name == null || name.length() <= 200 ? name : name.substring(0, 200));
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    record ByDigest(Digest digest) implements Reference {
        @Override
        public String toString() {
            return digest.toString();
        }
    }

    /** Parses the reference segment of {@code /v2/<name>/manifests/<reference>}. */
    static Reference parse(String text) {
        if (Digest.looksLikeDigest(text)) {
            return new ByDigest(Digest.parse(text));
        }
        return new Tag(text);
    }

    /**
     * The reference {@code text} names, or empty when it is neither a valid tag nor a valid digest: then it names no
     * manifest at all (a lookup answers "not found" rather than blaming the client's syntax).
     */
    static java.util.Optional<Reference> tryParse(String text) {
        if (Digest.looksLikeDigest(text)) {
            try {
                return java.util.Optional.of(new ByDigest(Digest.parse(text)));
            } catch (OciException e) {
                return java.util.Optional.empty();
            }
        }
        return isValidTag(text) ? java.util.Optional.of(new Tag(text)) : java.util.Optional.empty();
    }

    static boolean isValidTag(String s) {
        if (s == null || s.isEmpty() || s.length() > 128) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || (i > 0 && (c == '.' || c == '-'));
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
