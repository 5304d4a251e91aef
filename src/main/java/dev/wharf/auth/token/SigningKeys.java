package dev.wharf.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;

/**
 * The token service's private signing key, a JWK file. Generated (EC P-256) on first start and written with
 * owner-only permissions, so tokens stay valid across restarts; an existing file (EC or RSA JWK) is used as is.
 */
public final class SigningKeys {
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private SigningKeys() {
    }

    public static JWK loadOrGenerate(Path file) throws IOException {
        if (Files.exists(file)) {
            return load(file);
        }
        JWK key;
        try {
            key = new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a token signing key", e);
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".signing-key", ".tmp");
        try {
            restrict(tmp);
            Files.writeString(tmp, key.toJSONString(), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        log.info("generated token signing key {} (kid {})", file, key.getKeyID());
        return key;
    }

    static JWK load(Path file) throws IOException {
        JWK key;
        try {
            key = JWK.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new IOException(file + ": not a JWK (" + e.getMessage() + ")");
        }
        if (!key.isPrivate() || !(key instanceof ECKey || key instanceof RSAKey)) {
            throw new IOException(file + ": expected a private EC or RSA JWK");
        }
        if (key.getKeyID() == null) {
            try {
                key = key instanceof ECKey ec ? new ECKey.Builder(ec).keyIDFromThumbprint().build()
                        : new RSAKey.Builder((RSAKey) key).keyIDFromThumbprint().build();
            } catch (JOSEException e) {
                throw new IOException(file + ": " + e.getMessage());
            }
        }
        return key;
    }

    private static void restrict(Path p) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            log.debug("cannot restrict permissions of {}: {}", p, e.toString());
        }
    }
}
