package dev.wharf.discovery;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Docker token service for tests: checks Basic {@code user:password} and issues RS256 JWTs carrying the asked
 * scopes, signed by a self-signed certificate sent in {@code x5c}, which CNCF Distribution trusts through its
 * {@code rootcertbundle}.
 */
final class TokenIssuer implements AutoCloseable {
    static final String SERVICE = "discover-test";
    static final String ISSUER = "discover-test-issuer";

    private final HttpServer server;
    private final KeyPair keys;
    private final X509Certificate cert;
    private final String user;
    private final String password;
    final List<String> scopesAsked = new CopyOnWriteArrayList<>();

    TokenIssuer(String user, String password) throws Exception {
        this.user = user;
        this.password = password;
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        keys = g.generateKeyPair();
        X500Name name = new X500Name("CN=" + ISSUER);
        Instant now = Instant.now();
        cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", this::token);
        server.start();
    }

    URI realm() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
    }

    Path writeCertificate(Path file) throws Exception {
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        return file;
    }

    /** A token for {@code scopes}, as a pusher would get one. */
    String issue(List<String> scopes) throws Exception {
        List<Map<String, Object>> access = new ArrayList<>();
        for (String scope : scopes) {
            String[] p = scope.split(":");
            String actions = p[p.length - 1];
            String name = scope.substring(p[0].length() + 1, scope.length() - actions.length() - 1);
            access.add(Map.of("type", p[0], "name", name, "actions", List.of(actions.split(","))));
        }
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .x509CertChain(List.of(Base64.encode(cert.getEncoded()))).build(),
                new JWTClaimsSet.Builder().issuer(ISSUER).subject(user).audience(SERVICE)
                        .issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(60)))
                        .expirationTime(Date.from(now.plusSeconds(300))).jwtID(UUID.randomUUID().toString())
                        .claim("access", access).build());
        jwt.sign(new RSASSASigner(keys.getPrivate()));
        return jwt.serialize();
    }

    private void token(HttpExchange ex) throws IOException {
        try (ex) {
            String expected = "Basic " + java.util.Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            byte[] body;
            int status;
            if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                status = 401;
                body = "{\"details\":\"bad credentials\"}".getBytes(StandardCharsets.UTF_8);
            } else {
                List<String> scopes = new ArrayList<>();
                String q = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
                for (String kv : q.split("&")) {
                    if (kv.startsWith("scope=")) {
                        scopes.add(URLDecoder.decode(kv.substring(6), StandardCharsets.UTF_8));
                    }
                }
                scopesAsked.addAll(scopes);
                status = 200;
                body = ("{\"token\":\"" + issue(scopes) + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8);
            }
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
