package dev.wharf.auth.htpasswd;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import dev.wharf.auth.CredentialVerifier;
import dev.wharf.auth.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks HTTP Basic credentials against an htpasswd file, like registry:2. The file is re-read when its size,
 * modification time or inode changes (one {@code stat} per check). Unknown users cost the same bcrypt work as
 * known ones (a dummy hash of the file's most common cost), so timing does not reveal which names exist. Verified
 * credentials are remembered by a SHA-256 of the hash and password until the file changes, so a push of many
 * requests does not pay bcrypt on each one.
 */
public final class HtpasswdVerifier implements CredentialVerifier {
    private static final Logger log = LoggerFactory.getLogger(HtpasswdVerifier.class);
    private static final BCrypt.Verifyer BCRYPT =
            BCrypt.verifyer(BCrypt.Version.VERSION_2Y, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2Y));
    private static final int REMEMBERED = 1024;

    private final Path file;
    private final Map<Integer, String> dummyHashes = new HashMap<>();
    private final Map<String, Boolean> verified = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });
    private volatile Snapshot snapshot;

    private record Version(long size, FileTime modified, Object fileKey) {
    }

    private record Snapshot(Version version, HtpasswdFile entries) {
    }

    /** Reads {@code file} now; it must exist (a missing file later means nobody can log in until it is back). */
    public HtpasswdVerifier(Path file) throws IOException {
        this.file = file;
        Version v = version();
        if (v == null) {
            throw new NoSuchFileException(file.toString(), null, "htpasswd file not found");
        }
        snapshot = new Snapshot(v, HtpasswdFile.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
    }

    @Override
    public Optional<Principal> verify(String username, String secret) {
        HtpasswdFile entries = current();
        String hash = entries.hashes().get(username);
        if (hash == null) {
            // same work as a real check, so a missing user is not told apart by timing
            BCRYPT.verify(secret.getBytes(StandardCharsets.UTF_8), dummyHash(entries.typicalCost()).getBytes(StandardCharsets.UTF_8));
            return Optional.empty();
        }
        String key = rememberKey(username, hash, secret);
        if (verified.get(key) == null) {
            if (!BCRYPT.verify(secret.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8)).verified) {
                return Optional.empty();
            }
            verified.put(key, Boolean.TRUE);
        }
        return Optional.of(new Principal(username, Principal.Kind.HTPASSWD, null));
    }

    @Override
    public boolean stillValid(Principal principal) {
        return principal.kind() == Principal.Kind.HTPASSWD && current().hashes().containsKey(principal.name());
    }

    /** A digest of the user's entry: tokens end when the user leaves the file or gets a new password. */
    @Override
    public Optional<String> accessStamp(Principal principal) {
        String hash = principal.kind() == Principal.Kind.HTPASSWD ? current().hashes().get(principal.name()) : null;
        return hash == null ? Optional.empty() : Optional.of(rememberKey(principal.name(), hash, "").substring(
                principal.name().length() + 1, principal.name().length() + 17));
    }

    /** The entries, re-read first when the file changed since the last look. */
    private HtpasswdFile current() {
        Snapshot s = snapshot;
        Version v = version();
        if (Objects.equals(v, s.version())) {
            return s.entries();
        }
        synchronized (this) {
            s = snapshot;
            if (Objects.equals(v, s.version())) {
                return s.entries();
            }
            HtpasswdFile entries = HtpasswdFile.EMPTY;
            if (v == null) {
                log.warn("htpasswd file {} is gone; nobody can log in until it is back", file);
            } else {
                try {
                    entries = HtpasswdFile.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
                    log.info("htpasswd file {} changed; {} users", file, entries.hashes().size());
                } catch (IOException e) {
                    log.warn("cannot read htpasswd file {} ({}); nobody can log in until it is readable", file, e.toString());
                    v = null;
                }
            }
            verified.clear();
            snapshot = new Snapshot(v, entries);
            return entries;
        }
    }

    private Version version() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Version(a.size(), a.lastModifiedTime(), a.fileKey());
        } catch (IOException e) {
            return null;
        }
    }

    private synchronized String dummyHash(int cost) {
        return dummyHashes.computeIfAbsent(cost, c -> BCrypt.with(BCrypt.Version.VERSION_2Y)
                .hashToString(c, "not a password".toCharArray()));
    }

    private static String rememberKey(String username, String hash, String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(hash.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(secret.getBytes(StandardCharsets.UTF_8));
            return username + ":" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
