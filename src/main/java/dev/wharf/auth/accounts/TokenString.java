package dev.wharf.auth.accounts;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text form of a token: {@code wharf_pat_<id>_<secret>} (personal access token) or {@code wharf_dcr_<id>_<secret>}
 * (docker credential). It names its own row, so it is accepted with any username, and holds no {@code :}.
 */
record TokenString(AccessToken.Kind kind, String id, String secret) {
    private static final Pattern FORM = Pattern.compile("wharf_(pat|dcr)_([a-z2-7]{12})_([A-Za-z0-9]{32})");
    static final int ID_LENGTH = 12;
    static final int SECRET_LENGTH = 32;

    static TokenString generate(AccessToken.Kind kind) {
        return new TokenString(kind, Secrets.identifier(ID_LENGTH), Secrets.alphanumeric(SECRET_LENGTH));
    }

    static Optional<TokenString> parse(String text) {
        if (text == null || text.length() > 64) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        AccessToken.Kind kind = m.group(1).equals("pat") ? AccessToken.Kind.PAT : AccessToken.Kind.DOCKER;
        return Optional.of(new TokenString(kind, m.group(2), m.group(3)));
    }

    String text() {
        return "wharf_" + (kind == AccessToken.Kind.PAT ? "pat" : "dcr") + "_" + id + "_" + secret;
    }

    @Override
    public String toString() {
        return "TokenString[" + id + "]"; // never the secret
    }
}
