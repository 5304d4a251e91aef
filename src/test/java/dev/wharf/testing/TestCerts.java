package dev.wharf.testing;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Certificates generated in tests (BouncyCastle): a self-signed server cert for 127.0.0.1/localhost, written as PEM. */
public final class TestCerts {
    private TestCerts() {
    }

    /** A key pair and its certificate, signed by {@code issuer} (or self-signed when issuer is null). */
    public record Issued(KeyPair keys, X509Certificate certificate) {
    }

    public enum KeyFormat { PKCS8, PKCS1_OR_SEC1 }

    public static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    public static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** A certificate for {@code cn} with SANs 127.0.0.1 and localhost; a CA when {@code ca}. */
    public static Issued certificate(String cn, KeyPair keys, Issued issuer, boolean ca) throws Exception {
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=" + cn);
        X500Name issuerName = issuer == null ? subject
                : new X500Name(issuer.certificate().getSubjectX500Principal().getName());
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject,
                keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        KeyPair signer = issuer == null ? keys : issuer.keys();
        String alg = signer.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder(alg).build(signer.getPrivate())));
        return new Issued(keys, cert);
    }

    public static Issued selfSigned(KeyPair keys) throws Exception {
        return certificate("wharf-test", keys, null, false);
    }

    public static String pem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o);
        }
        return w.toString();
    }

    /** Writes the certificate chain and key as PEM files {@code <name>.crt} and {@code <name>.key} in {@code dir}. */
    public static Path[] write(Path dir, String name, Issued issued, KeyFormat format, X509Certificate... chain)
            throws Exception {
        StringBuilder certs = new StringBuilder(pem(issued.certificate()));
        for (X509Certificate c : chain) {
            certs.append(pem(c));
        }
        Path crt = Files.writeString(dir.resolve(name + ".crt"), certs);
        String key = format == KeyFormat.PKCS8 ? pem(new JcaPKCS8Generator(issued.keys().getPrivate(), null))
                : pem(issued.keys().getPrivate());
        Path keyFile = Files.writeString(dir.resolve(name + ".key"), key);
        return new Path[]{crt, keyFile};
    }

    /** An SSL context trusting exactly {@code cert}. */
    public static SSLContext trusting(X509Certificate cert) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("ca", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
