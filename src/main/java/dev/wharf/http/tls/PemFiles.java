package dev.wharf.http.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what registry:2 reads for TLS: a PEM certificate chain (leaf first) and a PEM private key in PKCS#8
 * ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}) form. Encrypted keys
 * are refused with a message saying so. The key is checked against the leaf certificate.
 */
public final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final byte[] RSA_ALGORITHM = hex("300d06092a864886f70d0101010500");
    private static final byte[] EC_OID = hex("06072a8648ce3d0201");

    private PemFiles() {
    }

    /** The certificates in {@code file}, leaf first. */
    public static List<X509Certificate> certificates(Path file) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
        } catch (CertificateException e) {
            throw new IOException(file + ": not a PEM certificate chain (" + e.getMessage() + ")");
        }
        if (out.isEmpty()) {
            throw new IOException(file + ": no certificate found");
        }
        return out;
    }

    public static PrivateKey privateKey(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            String type = m.group(1);
            String body = m.group(2);
            if (type.equals("ENCRYPTED PRIVATE KEY") || body.contains("Proc-Type: 4,ENCRYPTED")) {
                throw new IOException(file + ": the private key is encrypted; give an unencrypted key"
                        + " (openssl pkey -in key.pem -out plain.pem)");
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": bad base64 in " + type + " block");
            }
            switch (type) {
                case "PRIVATE KEY" -> {
                    return pkcs8(file, der, "RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS");
                }
                case "RSA PRIVATE KEY" -> {
                    return pkcs8(file, wrap(RSA_ALGORITHM, der), "RSA");
                }
                case "EC PRIVATE KEY" -> {
                    return pkcs8(file, wrap(concat(EC_OID, sec1Curve(file, der)), der), "EC");
                }
                default -> {
                    // EC PARAMETERS and the like precede the key in some files
                }
            }
        }
        throw new IOException(file + ": no PEM private key found (expected PRIVATE KEY, RSA PRIVATE KEY or"
                + " EC PRIVATE KEY)");
    }

    /** Fails unless {@code key} is the private half of {@code certificate}'s public key. */
    public static void checkPair(X509Certificate certificate, PrivateKey key, Path keyFile) throws IOException {
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        try {
            byte[] probe = "wharf".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(certificate.getPublicKey());
            v.update(probe);
            if (!v.verify(sig)) {
                throw new IOException(keyFile + ": the private key does not match the certificate");
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(keyFile + ": the private key does not match the certificate (" + e.getMessage() + ")");
        }
    }

    private static PrivateKey pkcs8(Path file, byte[] der, String... algorithms) throws IOException {
        for (String alg : algorithms) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IOException(file + ": unsupported or malformed private key");
    }

    /** PKCS#8 PrivateKeyInfo: SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING key }. */
    private static byte[] wrap(byte[] algorithmIdentifierContent, byte[] key) {
        byte[] algorithm = algorithmIdentifierContent[0] == 0x30 ? algorithmIdentifierContent
                : tlv(0x30, algorithmIdentifierContent);
        return tlv(0x30, concat(new byte[]{2, 1, 0}, algorithm, tlv(0x04, key)));
    }

    /**
     * The named-curve OID TLV from the {@code [0]} parameters of a SEC1 ECPrivateKey (as openssl writes it); when
     * absent, the NIST curve whose private keys have that length (32, 48, 66 bytes: P-256, P-384, P-521).
     */
    private static byte[] sec1Curve(Path file, byte[] der) throws IOException {
        Der seq = Der.read(der, 0);
        int keyLength = -1;
        for (int at = seq.contentStart(); at < seq.end(); ) {
            Der child = Der.read(der, at);
            if (child.tag() == 0xa0) {
                Der oid = Der.read(der, child.contentStart());
                return java.util.Arrays.copyOfRange(der, oid.start(), oid.end());
            }
            if (child.tag() == 0x04) {
                keyLength = child.end() - child.contentStart();
            }
            at = child.end();
        }
        return switch (keyLength) {
            case 32 -> hex("06082a8648ce3d030107");
            case 48 -> hex("06052b81040022");
            case 66 -> hex("06052b81040023");
            default -> throw new IOException(file + ": the EC private key does not name its curve");
        };
    }

    /** One DER element: tag, where it starts, where its content starts, where it ends. */
    private record Der(int tag, int start, int contentStart, int end) {
        static Der read(byte[] b, int at) throws IOException {
            if (at + 2 > b.length) {
                throw new IOException("truncated DER");
            }
            int tag = b[at] & 0xff;
            int len = b[at + 1] & 0xff;
            int content = at + 2;
            if (len >= 0x80) {
                int n = len & 0x7f;
                if (n < 1 || n > 3 || content + n > b.length) {
                    throw new IOException("bad DER length");
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (b[content + i] & 0xff);
                }
                content += n;
            }
            if (content + len > b.length) {
                throw new IOException("truncated DER");
            }
            return new Der(tag, at, content, content + len);
        }
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int len = content.length;
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else if (len < 0x10000) {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len);
        } else {
            out.write(0x83);
            out.write(len >> 16);
            out.write(len >> 8);
            out.write(len);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
