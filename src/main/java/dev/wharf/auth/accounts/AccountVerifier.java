package dev.wharf.auth.accounts;

import dev.wharf.auth.CredentialVerifier;
import dev.wharf.auth.Principal;
import dev.wharf.meta.SqlAccess;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks Wharf's own credentials: a token text (personal access token or docker credential, accepted with any
 * username since it names its own row), or a user's password or robot's secret under its account name.
 *
 * <p>Clients send Basic credentials with every request and bcrypt costs tens of milliseconds, so a password that
 * verified is remembered as a keyed hash of (name, password) next to the stored bcrypt hash it matched. It counts
 * only while the account still has that very hash, so a password change or removal takes effect at once, also when
 * made by another process. Unknown accounts cost one bcrypt check, like known ones.
 */
final class AccountVerifier implements CredentialVerifier {
    private static final int MAX_REMEMBERED = 4096;

    private final SqlAccess sql;
    private final Clock clock;
    private final byte[] cacheKey = new byte[32];
    private final Map<String, String> verified = new ConcurrentHashMap<>();

    AccountVerifier(SqlAccess sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
        new SecureRandom().nextBytes(cacheKey);
    }

    @Override
    public Optional<Principal> verify(String username, String secret) {
        if (secret == null || secret.isEmpty()) {
            return Optional.empty();
        }
        Optional<TokenString> token = TokenString.parse(secret);
        if (token.isPresent()) {
            return verifyToken(token.get());
        }
        if (!Names.isAccount(username)) {
            return Optional.empty();
        }
        Optional<AccountTable.Stored> stored = sql.read(s -> AccountTable.find(s, username));
        if (stored.isEmpty()) {
            Secrets.decoy(secret);
            return Optional.empty();
        }
        Account a = stored.get().account();
        if (!matches(username, secret, stored.get().secretHash()) || !a.enabled()) {
            return Optional.empty();
        }
        return Optional.of(new Principal(a.name(), a.kind() == Account.Kind.USER ? Principal.Kind.USER
                : Principal.Kind.ROBOT, null));
    }

    private Optional<Principal> verifyToken(TokenString text) {
        Instant now = clock.instant();
        return sql.read(s -> {
            Optional<TokenTable.Stored> row = TokenTable.find(s, text.id());
            if (row.isEmpty() || row.get().token().kind() != text.kind()
                    || !Secrets.matches(text.secret(), row.get().secretHash())
                    || !TokenService.chainLive(s, row.get().token(), now)) {
                return Optional.empty();
            }
            AccessToken t = row.get().token();
            return Optional.of(new Principal(t.owner(), Principal.Kind.TOKEN, t.id()));
        });
    }

    @Override
    public boolean stillValid(Principal p) {
        Instant now = clock.instant();
        return switch (p.kind()) {
            case USER, ROBOT -> sql.read(s -> AccountTable.find(s, p.name())).map(a -> a.account().enabled()
                    && (a.account().kind() == Account.Kind.USER) == (p.kind() == Principal.Kind.USER)).orElse(false);
            case TOKEN -> sql.read(s -> TokenService.live(s, p, now)).isPresent();
            case ANONYMOUS, HTPASSWD -> false; // not Wharf accounts: their own verifier answers
        };
    }

    /** The account's stamp; for a token, its owner's, while the token and its parents are live. */
    @Override
    public Optional<String> accessStamp(Principal p) {
        Instant now = clock.instant();
        return switch (p.kind()) {
            case USER, ROBOT -> sql.read(s -> AccountTable.find(s, p.name())).filter(a -> a.account().enabled()
                            && (a.account().kind() == Account.Kind.USER) == (p.kind() == Principal.Kind.USER))
                    .map(a -> Long.toString(a.accessStamp()));
            case TOKEN -> sql.read(s -> {
                Optional<AccessToken> t = TokenService.live(s, p, now);
                if (t.isEmpty()) {
                    return Optional.<String>empty();
                }
                if (t.get().ownerKind() == Principal.Kind.HTPASSWD) {
                    return Optional.of("token:" + t.get().id()); // the htpasswd file vouches at login only
                }
                return AccountTable.find(s, t.get().owner()).map(a -> Long.toString(a.accessStamp()));
            });
            case ANONYMOUS, HTPASSWD -> Optional.empty();
        };
    }

    private boolean matches(String username, String secret, String storedHash) {
        if (!storedHash.startsWith("$2")) {
            return Secrets.matches(secret, storedHash); // robot secret: SHA-256, fast
        }
        String key = remembered(username, secret);
        String hash = verified.get(key);
        if (hash != null && java.security.MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII))) {
            return true;
        }
        if (!Secrets.matches(secret, storedHash)) {
            return false;
        }
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        verified.put(key, storedHash);
        return true;
    }

    private String remembered(String username, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
