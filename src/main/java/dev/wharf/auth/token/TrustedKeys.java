package dev.wharf.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;

import java.security.PublicKey;
import java.util.List;

/** The public keys a token's signature may be checked against, chosen from the token's header. */
public sealed interface TrustedKeys permits TrustedKeys.OwnKey, CertificateBundle {

    /** Candidate keys for a token with {@code header}. */
    List<PublicKey> candidates(JWSHeader header) throws InvalidTokenException;

    /** Wharf's own token service: exactly one key, its own. */
    record OwnKey(JWK key) implements TrustedKeys {
        @Override
        public List<PublicKey> candidates(JWSHeader header) throws InvalidTokenException {
            if (header.getKeyID() != null && !header.getKeyID().equals(key.getKeyID())) {
                throw new InvalidTokenException("unknown key id " + header.getKeyID());
            }
            try {
                return List.of(((AsymmetricJWK) key).toPublicKey());
            } catch (JOSEException e) {
                throw new IllegalStateException("signing key has no public half", e);
            }
        }
    }
}
