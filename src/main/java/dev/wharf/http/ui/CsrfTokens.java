package dev.wharf.http.ui;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * CSRF tokens without server state: a token is an HMAC, under a key only this process knows, of the browser's
 * {@code wharf_ui} cookie (a session id once signed in, a random browser id before). A page embeds it; a state-changing
 * request must send it back with the same cookie. Another site can neither read the cookie nor compute the HMAC, and
 * anonymous visitors cost no memory. The key is new at every start, so forms older than the process are refused.
 */
final class CsrfTokens {
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    CsrfTokens() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** A fresh random cookie value for a browser that has none (256 bits, like a session id). */
    String newBrowserId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The token for pages served to the browser holding {@code cookie}; empty without a cookie. */
    String tokenFor(String cookie) {
        if (cookie == null || cookie.isEmpty()) {
            return "";
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    mac.doFinal(("csrf\u0000" + cookie).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when {@code sent} is the token of {@code cookie} (constant-time). */
    boolean matches(String cookie, String sent) {
        String expected = tokenFor(cookie);
        return !expected.isEmpty() && sent != null && MessageDigest.isEqual(
                sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
