package dev.wharf.auth.accounts;

import at.favre.lib.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Secret generation and the two stored forms: bcrypt ({@code $2y$…}) for passwords people choose, and
 * {@code sha256:<hex>} for generated high-entropy secrets (robot secrets, tokens), which need no slow hash.
 * Every comparison is constant-time.
 */
final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final char[] LOWER = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    static final int BCRYPT_COST = 10;
    /** A bcrypt hash no password matches, checked for unknown users so a miss costs as long as a hit. */
    private static final byte[] DECOY = BCrypt.with(BCrypt.Version.VERSION_2Y)
            .hash(BCRYPT_COST, random(ALNUM, 32).getBytes(StandardCharsets.UTF_8));

    private Secrets() {
    }

    /** A random string of letters and digits (about 5.95 bits each). */
    static String alphanumeric(int length) {
        return random(ALNUM, length);
    }

    /** A random lowercase identifier (5 bits a character), for token ids. */
    static String identifier(int length) {
        return random(LOWER, length);
    }

    private static String random(char[] alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet[RANDOM.nextInt(alphabet.length)]);
        }
        return sb.toString();
    }

    static String bcrypt(String password) {
        return BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(BCRYPT_COST, password.toCharArray());
    }

    static String sha256(String secret) {
        return "sha256:" + HexFormat.of().formatHex(digest(secret));
    }

    /** True when {@code secret} matches {@code stored} (either form); constant-time in the secret. */
    static boolean matches(String secret, String stored) {
        if (stored.startsWith("sha256:")) {
            return MessageDigest.isEqual(sha256(secret).getBytes(StandardCharsets.US_ASCII),
                    stored.getBytes(StandardCharsets.US_ASCII));
        }
        byte[] pw = secret.getBytes(StandardCharsets.UTF_8);
        if (pw.length > 72) {
            return false; // bcrypt ignores bytes past 72: refuse rather than accept a prefix
        }
        return BCrypt.verifyer().verify(pw, stored.getBytes(StandardCharsets.UTF_8)).verified;
    }

    /** Spends the time of one bcrypt check, for an unknown account. */
    static void decoy(String secret) {
        BCrypt.verifyer().verify(secret.getBytes(StandardCharsets.UTF_8), DECOY);
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
