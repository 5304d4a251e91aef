package dev.wharf.auth.token;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * registry:2's {@code rootcertbundle}: tokens are trusted when signed by the key of a certificate in the bundle,
 * found by the token's {@code x5c} chain (which must lead to a bundle certificate) or its {@code kid} (libtrust key
 * ID, as Docker's token servers write it); a token naming neither is checked against every bundle key.
 */
public record CertificateBundle(List<X509Certificate> certificates) implements TrustedKeys {

    public CertificateBundle {
        certificates = List.copyOf(certificates);
    }

    /** Reads every PEM certificate in {@code file}; fails when there is none. */
    public static CertificateBundle read(Path file) throws IOException {
        List<X509Certificate> certs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certs.add((X509Certificate) c);
            }
        } catch (CertificateException e) {
            throw new IOException(file + ": not a PEM certificate bundle (" + e.getMessage() + ")");
        }
        if (certs.isEmpty()) {
            throw new IOException(file + ": no certificates found");
        }
        return new CertificateBundle(certs);
    }

    @Override
    public List<PublicKey> candidates(JWSHeader header) throws InvalidTokenException {
        if (header.getX509CertChain() != null && !header.getX509CertChain().isEmpty()) {
            return List.of(chainLeaf(header.getX509CertChain()));
        }
        if (header.getKeyID() != null) {
            List<PublicKey> keys = certificates.stream().map(X509Certificate::getPublicKey)
                    .filter(k -> header.getKeyID().equals(libtrustKeyId(k))).toList();
            if (keys.isEmpty()) {
                throw new InvalidTokenException("no bundle certificate has key id " + header.getKeyID());
            }
            return keys;
        }
        return certificates.stream().map(X509Certificate::getPublicKey).toList();
    }

    /** The leaf key of an {@code x5c} chain whose every link is signed by the next, ending at a bundle certificate. */
    private PublicKey chainLeaf(List<Base64> x5c) throws InvalidTokenException {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> chain = new ArrayList<>();
            for (Base64 der : x5c) {
                chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der.decode())));
            }
            for (X509Certificate c : chain) {
                c.checkValidity();
            }
            for (int i = 0; i + 1 < chain.size(); i++) {
                chain.get(i).verify(chain.get(i + 1).getPublicKey());
            }
            X509Certificate top = chain.getLast();
            for (X509Certificate trusted : certificates) {
                if (Arrays.equals(trusted.getEncoded(), top.getEncoded()) || signedBy(top, trusted)) {
                    return chain.getFirst().getPublicKey();
                }
            }
            throw new InvalidTokenException("x5c chain does not lead to a certificate in the root bundle");
        } catch (GeneralSecurityException e) {
            throw new InvalidTokenException("invalid x5c chain: " + e.getMessage());
        }
    }

    private static boolean signedBy(X509Certificate cert, X509Certificate issuer) {
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** libtrust's key ID: SHA-256 of the DER public key, first 240 bits, base32, in colon-separated groups of 4. */
    public static String libtrustKeyId(PublicKey key) {
        byte[] hash;
        try {
            hash = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 30);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String s = base32(hash);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i += 4) {
            if (i > 0) {
                out.append(':');
            }
            out.append(s, i, Math.min(s.length(), i + 4));
        }
        return out.toString();
    }

    /** RFC 4648 base32 without padding. */
    private static String base32(byte[] data) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder sb = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                sb.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            sb.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return sb.toString();
    }
}
